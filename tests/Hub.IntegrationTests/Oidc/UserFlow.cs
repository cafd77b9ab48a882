using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Oidc;

/// <summary>
/// Drives the authorization code flow by hand (PKCE S256, real sign-in and consent pages) for tests that need
/// user tokens without a relying-party host.
/// </summary>
internal sealed class UserFlow(HubApp hub)
{
    public const string Password = "Ch1na-edu-2026";
    public static readonly Uri RedirectUri = new("http://client.test/cb");

    public async Task<(string HubId, long PersonId)> CreatePersonAsync(string name = "孙七")
    {
        var (platform, _) = await PlatformClients.CreateAsync(hub, "440300", HubScopes.PeopleWrite);
        using var response = await platform.PostAsJsonAsync("/api/v1/people", PeopleTestData.Registration(PeopleTestData.NewIdNumber(), name));
        var hubId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Person>().SingleAsync(p => p.HubId == hubId);
        await scope.ServiceProvider.GetRequiredService<CredentialService>().SetPasswordAsync(person.Id, Password, default);
        return (hubId, person.Id);
    }

    public Task<(string Id, string Secret)> RegisterVendorAsync(bool tokenExchange, params string[] scopes) =>
        RegisterVendorAsync(tokenExchange, null, scopes);

    public async Task<(string Id, string Secret)> RegisterVendorAsync(bool tokenExchange, string? idTokenAlgorithm, params string[] scopes)
    {
        var id = "vendor-" + Guid.NewGuid().ToString("N")[..10];
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            id, "测试应用", ClientKind.Vendor, JurisdictionLevel.National, null, scopes, ClientSecret: secret,
            RedirectUris: [RedirectUri], PostLogoutRedirectUris: [new Uri(RedirectUri, "/bye")],
            AllowAuthorizationCode: true, AllowTokenExchange: tokenExchange,
            IdTokenSigningAlgorithm: idTokenAlgorithm));
        return (id, secret);
    }

    /// <summary>Signs the person in, consents, redeems the code; returns the token response.</summary>
    public TestBrowser NewBrowser() => new(new Dictionary<string, HttpMessageHandler> { ["localhost"] = hub.Factory.Server.CreateHandler() });

    public async Task<JsonElement> SignInAsync(string clientId, string secret, string hubId, string scope, TestBrowser? sharedBrowser = null)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var authorize = new Uri("http://localhost/connect/authorize?" + string.Join('&',
            $"client_id={clientId}", $"redirect_uri={Uri.EscapeDataString(RedirectUri.ToString())}", "response_type=code",
            $"scope={Uri.EscapeDataString(scope)}", $"code_challenge={challenge}", "code_challenge_method=S256",
            "state=st4te", "nonce=n0nce"));
        using var owned = sharedBrowser is null ? NewBrowser() : null;
        var browser = sharedBrowser ?? owned!;
        var (login, loginPage) = await browser.GetAsync(authorize);
        var (consent, consentPage) = await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = Password });
        var (redirect, _) = consentPage.Contains("submit.accept", StringComparison.Ordinal)
            ? await browser.SubmitFormAsync(consent.RequestMessage!.RequestUri!, consentPage, new Dictionary<string, string>(), "submit.accept")
            : (consent, consentPage);
        var location = redirect.Headers.Location ?? throw new InvalidOperationException("No redirect: " + redirect.StatusCode);
        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"] ?? throw new InvalidOperationException("No code: " + location);
        return await TokenAsync(clientId, secret, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri.ToString(), ["code_verifier"] = verifier,
        });
    }

    public async Task<JsonElement> TokenAsync(string clientId, string secret, Dictionary<string, string> form) =>
        await PostAsync("/connect/token", clientId, secret, form);

    public async Task<JsonElement> PostAsync(string path, string clientId, string secret, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{Uri.EscapeDataString(secret)}")));
        using var response = await hub.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
