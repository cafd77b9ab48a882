using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.IntegrationTests.Oidc;

/// <summary>Platforms authenticate with a signed client assertion (RFC 7523) instead of a shared secret.</summary>
public sealed class PrivateKeyJwtTests(HubApp hub) : IClassFixture<HubApp>
{
    [Fact]
    public async Task ClientCredentials_PlatformWithSignedAssertion_GetsToken()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = await RegisterAsync(key);

        using var response = await RequestAsync(clientId, Assertion(clientId, key));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("access_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCredentials_AssertionSignedWithAnotherKey_RejectedAsInvalidClient()
    {
        using var registered = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = await RegisterAsync(registered);

        using var response = await RequestAsync(clientId, Assertion(clientId, attacker));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private async Task<string> RegisterAsync(ECDsa key)
    {
        var clientId = "platform-jwt-" + Guid.NewGuid().ToString("N")[..8];
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(false))) { KeyId = "p1" });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } });
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
            clientId, "省级平台", ClientKind.Platform, JurisdictionLevel.Province, "440000", [HubScopes.PeopleRead],
            JsonWebKeySet: jwks, AllowClientCredentials: true));
        return clientId;
    }

    private static string Assertion(string clientId, ECDsa key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = clientId,
        TokenType = "client-authentication+jwt",
        Audience = "http://localhost/",
        Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
        Expires = DateTime.UtcNow.AddMinutes(2),
        SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "p1" }, SecurityAlgorithms.EcdsaSha256),
    });

    private Task<HttpResponseMessage> RequestAsync(string clientId, string assertion) =>
        hub.CreateClient().PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("scope", HubScopes.PeopleRead),
            new("client_id", clientId),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            new("client_assertion", assertion),
        ]));
}
