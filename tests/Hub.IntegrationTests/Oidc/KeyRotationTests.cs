using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hub.IntegrationTests.Oidc;

/// <summary>Three keys: retiring (still published), current (signs), next (published before it signs).</summary>
public sealed class RotatingKeysHubApp : HubApp
{
    private static readonly string Retiring = Pem(), Next = Pem();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Oidc:SigningKeys:1:Id", "retiring"), ("Oidc:SigningKeys:1:Pem", Retiring),
        ("Oidc:SigningKeys:1:SignFrom", DateTimeOffset.UtcNow.AddDays(-60).ToString("O")),
        ("Oidc:SigningKeys:0:SignFrom", DateTimeOffset.UtcNow.AddDays(-1).ToString("O")),
        ("Oidc:SigningKeys:2:Id", "next"), ("Oidc:SigningKeys:2:Pem", Next),
        ("Oidc:SigningKeys:2:SignFrom", DateTimeOffset.UtcNow.AddDays(7).ToString("O")),
    ];

    private static string Pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}

public sealed class KeyRotationTests(RotatingKeysHubApp hub) : IClassFixture<RotatingKeysHubApp>
{
    [Fact]
    public async Task Jwks_DuringRotation_PublishesRetiringCurrentAndNextKeys()
    {
        var jwks = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        var kids = jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToHashSet();
        Assert.Equal(["next", "retiring", "test-es256"], kids.Order());
    }

    [Fact]
    public async Task Token_DuringRotation_IsSignedByTheNewestKeyWhoseTimeHasComeAndValidatesAgainstJwks()
    {
        var (id, secret) = await PlatformClients.RegisterAsync(hub, "440000", JurisdictionLevel.Province, HubScopes.PeopleRead);
        using var response = await PlatformClients.RequestTokenAsync(hub, id, secret, HubScopes.PeopleRead);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var jwks = new JsonWebKeySet(await hub.CreateClient().GetStringAsync(new Uri("/.well-known/jwks", UriKind.Relative)));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidAudience = HubResources.Api,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("test-es256", new JsonWebToken(token).Kid);
    }
}
