using System.Net;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.IntegrationTests.Oidc;

public sealed class ClientCredentialsTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Discovery_Get_AdvertisesEndpointsAndOnlyS256()
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)));
        var root = json.RootElement;

        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/par", root.GetProperty("pushed_authorization_request_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("urn:ietf:params:oauth:grant-type:token-exchange",
            root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Jwks_Get_PublishesTheConfiguredEs256Key()
    {
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative)));

        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("test-es256", key.GetProperty("kid").GetString());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _)); // never the private part
    }

    [Fact]
    public async Task ClientCredentials_PlatformWithSecret_IssuesEs256JwtCarryingItsRegion()
    {
        var (id, secret) = await RegisterPlatformAsync("440300", HubScopes.PeopleRead);

        using var response = await RequestTokenAsync(id, secret, HubScopes.PeopleRead);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        var jwt = new JsonWebToken(token);
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("test-es256", jwt.Kid);
        Assert.Equal("440300", jwt.GetPayloadValue<string>(HubClaims.RegionCode));
        Assert.Equal(id, jwt.Subject);
        Assert.Equal(HubScopes.PeopleRead, jwt.GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_RejectedAsInvalidClient()
    {
        var (id, _) = await RegisterPlatformAsync("110000", HubScopes.PeopleRead);

        using var response = await RequestTokenAsync(id, "not-the-secret", HubScopes.PeopleRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCredentials_ScopeNotGranted_RejectedWithoutToken()
    {
        var (id, secret) = await RegisterPlatformAsync("110000", HubScopes.PeopleRead);

        using var response = await RequestTokenAsync(id, secret, HubScopes.PeopleWrite);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // OpenIddict answers invalid_request (ID2051) for a scope the client is not permitted to use.
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("scope", json.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
    }

    private Task<(string Id, string Secret)> RegisterPlatformAsync(string region, params string[] scopes) =>
        PlatformClients.RegisterAsync(app, region, JurisdictionLevel.City, scopes);

    private Task<HttpResponseMessage> RequestTokenAsync(string id, string secret, string scope) =>
        PlatformClients.RequestTokenAsync(app, id, secret, scope);

}
