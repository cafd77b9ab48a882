using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.IntegrationTests.Oidc;

/// <summary>A hub with an RS256 key beside the ES256 one, for relying parties that only verify RSA.</summary>
public sealed class RsaKeyHubApp : HubApp
{
    private static readonly string RsaPem = CreateRsaPem();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Oidc:SigningKeys:1:Id", "test-rs256"), ("Oidc:SigningKeys:1:Algorithm", "RS256"), ("Oidc:SigningKeys:1:Pem", RsaPem)];

    private static string CreateRsaPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}

public sealed class RsaIdTokenTests(RsaKeyHubApp hub) : IClassFixture<RsaKeyHubApp>
{
    private readonly UserFlow _flow = new(hub);

    [Fact]
    public async Task IdToken_ClientRegisteredForRs256_IsSignedRs256WhileAccessTokenStaysEs256()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, "RS256", HubScopes.OpenId);

        var tokens = await _flow.SignInAsync(id, secret, hubId, "openid");

        Assert.Equal("RS256", new JsonWebToken(tokens.GetProperty("id_token").GetString()).Alg);
        Assert.Equal("ES256", new JsonWebToken(tokens.GetProperty("access_token").GetString()).Alg);
    }

    [Fact]
    public async Task IdToken_DefaultClient_IsSignedEs256AndDiscoveryOffersBoth()
    {
        var (hubId, _) = await _flow.CreatePersonAsync();
        var (id, secret) = await _flow.RegisterVendorAsync(false, HubScopes.OpenId);

        var tokens = await _flow.SignInAsync(id, secret, hubId, "openid");
        var discovery = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal("ES256", new JsonWebToken(tokens.GetProperty("id_token").GetString()).Alg);
        var algs = discovery.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("ES256", algs);
        Assert.Contains("RS256", algs);
    }
}
