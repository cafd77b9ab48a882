using System.Net;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Oidc;

/// <summary>End to end with a real client: Microsoft's OpenIdConnect handler signs a person in through the hub.</summary>
public sealed class AuthorizationCodeFlowTests(IssuerHubApp hub) : IClassFixture<IssuerHubApp>
{
    private const string Password = UserFlow.Password;

    [Fact]
    public async Task SignIn_VendorAppWithConsent_GetsPairwiseSubjectMaskedNameAndRealName()
    {
        var (hubId, name) = await CreatePersonWithPasswordAsync("张小三");
        var (clientId, secret) = await RegisterVendorAsync(HubScopes.OpenId, HubScopes.Profile, HubScopes.RealName);
        await using var rp = await RelyingParty.StartAsync(hub.Factory.Server.CreateHandler(), clientId, secret,
            HubScopes.OpenId, HubScopes.Profile, HubScopes.RealName);
        using var browser = Browser(rp);

        var (loginResponse, loginPage) = await browser.GetAsync(new Uri(RelyingParty.BaseAddress, "/me"));
        Assert.Equal(HttpStatusCode.OK, loginResponse.StatusCode);
        Assert.Contains("登录", loginPage, StringComparison.Ordinal);
        var (_, consentPage) = await browser.SubmitFormAsync(loginResponse.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = Password });
        Assert.Contains("完整姓名", consentPage, StringComparison.Ordinal);
        var (meResponse, me) = await browser.SubmitFormAsync(new Uri(IssuerHubApp.Issuer, "/connect/authorize"), consentPage,
            new Dictionary<string, string>(), "submit.accept");

        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        using var claims = JsonDocument.Parse(me);
        var sub = claims.RootElement.GetProperty("sub").GetString();
        Assert.NotEqual(hubId, sub);
        Assert.StartsWith("v", sub, StringComparison.Ordinal);
        Assert.Equal(name, claims.RootElement.GetProperty(HubClaims.RealName).GetString());
        Assert.NotEqual(name, claims.RootElement.GetProperty("name").GetString());
        Assert.False(claims.RootElement.TryGetProperty(HubClaims.HubId, out _));
        // The handler pushed its request (PAR) because discovery advertises the endpoint.
        Assert.Contains(browser.Visited, u => u.Host == "hub.test" && u.Query.Contains("request_uri", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnLoginPageWith400()
    {
        var (hubId, _) = await CreatePersonWithPasswordAsync("赵六");
        var (clientId, secret) = await RegisterVendorAsync(HubScopes.OpenId);
        await using var rp = await RelyingParty.StartAsync(hub.Factory.Server.CreateHandler(), clientId, secret, HubScopes.OpenId);
        using var browser = Browser(rp);
        var (loginResponse, loginPage) = await browser.GetAsync(new Uri(RelyingParty.BaseAddress, "/me"));

        var (response, page) = await browser.SubmitFormAsync(loginResponse.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("账号或密码不正确", page, StringComparison.Ordinal);
    }

    private TestBrowser Browser(Microsoft.AspNetCore.Builder.WebApplication rp) => new(new Dictionary<string, HttpMessageHandler>
    {
        ["hub.test"] = hub.Factory.Server.CreateHandler(),
        ["rp.test"] = rp.GetTestServer().CreateHandler(),
    });

    private async Task<(string HubId, string Name)> CreatePersonWithPasswordAsync(string name) =>
        ((await new UserFlow(hub).CreatePersonAsync(name)).HubId, name);

    private async Task<(string Id, string Secret)> RegisterVendorAsync(params string[] scopes)
    {
        var id = "vendor-" + Guid.NewGuid().ToString("N")[..10];
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            id, "测试应用", ClientKind.Vendor, JurisdictionLevel.National, null, scopes, ClientSecret: secret,
            RedirectUris: [new Uri(RelyingParty.BaseAddress, "/signin-oidc")],
            PostLogoutRedirectUris: [new Uri(RelyingParty.BaseAddress, "/signout-callback-oidc")],
            AllowAuthorizationCode: true));
        return (id, secret);
    }
}
