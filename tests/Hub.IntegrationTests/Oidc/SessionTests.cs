using System.Net;
using System.Net.Http.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Oidc;

public sealed class SessionTests(HubApp hub) : IClassFixture<HubApp>
{
    private readonly UserFlow _flow = new(hub);

    [Fact]
    public async Task EndSession_AfterSignIn_RedirectsToRegisteredUriAndEndsTheHubSession()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId);
        using var browser = _flow.NewBrowser();
        var tokens = await _flow.SignInAsync(id, secret, hubId, "openid", browser);

        var (bye, _) = await browser.GetAsync(new Uri("http://localhost/connect/endsession?id_token_hint=" + tokens.GetProperty("id_token").GetString()
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString(new Uri(UserFlow.RedirectUri, "/bye").ToString())));
        var (account, page) = await browser.GetAsync(new Uri("http://localhost/account"));

        Assert.Equal(new Uri(UserFlow.RedirectUri, "/bye"), bye.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("/account/login", account.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal); // signed out: back to login
        Assert.Contains("identifier", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyAccount_WithdrawConsent_ListedAppDisappearsAndItsRefreshTokenStops()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.OfflineAccess);
        using var browser = _flow.NewBrowser();
        var refresh = (await _flow.SignInAsync(id, secret, hubId, "openid offline_access", browser)).GetProperty("refresh_token").GetString()!;

        var (accountResponse, account) = await browser.GetAsync(new Uri("http://localhost/account"));
        Assert.Contains("测试应用", account, StringComparison.Ordinal);
        var start = account.IndexOf("<form method=\"post\" action=\"/account/consents/", StringComparison.Ordinal);
        var withdrawForm = account[start..account.IndexOf("</form>", start, StringComparison.Ordinal)];
        var (_, after) = await browser.SubmitFormAsync(accountResponse.RequestMessage!.RequestUri!, withdrawForm, new Dictionary<string, string>());
        var refreshed = await _flow.TokenAsync(id, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });

        Assert.DoesNotContain("测试应用", after, StringComparison.Ordinal);
        Assert.Equal("invalid_grant", refreshed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task LinkedSignIn_PlatformsOwnUserId_FindsThePersonButNotOnceSuspended()
    {
        var (platform, platformId) = await PlatformClients.CreateAsync(hub, "440300", HubScopes.PeopleWrite);
        using var created = await platform.PostAsJsonAsync("/api/v1/people",
            Identity.PeopleTestData.Registration(Identity.PeopleTestData.NewIdNumber(), localId: "home-42"));
        var hubId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var linked = scope.ServiceProvider.GetRequiredService<LinkedSignIn>();

        var found = await linked.FindAsync(platformId, "home-42", default);
        var stranger = await linked.FindAsync("another-platform", "home-42", default);
        await platform.PutAsJsonAsync($"/api/v1/people/{hubId}/status", new { status = 1 });
        var suspended = await linked.FindAsync(platformId, "home-42", default);

        Assert.Equal(hubId, found?.HubId);
        Assert.Null(stranger);
        Assert.Null(suspended);
    }
}
