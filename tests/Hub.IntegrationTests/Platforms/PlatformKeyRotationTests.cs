using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Platforms;

/// <summary>A connected platform rotates its private_key_jwt keys itself, without a moment where it cannot authenticate.</summary>
public sealed class PlatformKeyRotationTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly PlatformTestData _data = new(app);

    [Fact]
    public async Task RotateKeys_OldAndNewThenNewOnly_NewKeyWorksThroughoutAndOldStopsAtTheEnd()
    {
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440000");
        var (_, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", oldKey);
        var clientId = credentials.GetProperty("clientId").GetString()!;
        using var platform = await _data.PlatformClientAsync(clientId, oldKey);
        (await platform.PostAsync("/api/v1/platforms/self/connected", null)).EnsureSuccessStatusCode();

        using var both = await platform.PutAsJsonAsync("/api/v1/platforms/self/jwks", new { jwks = PlatformTestData.Jwks((oldKey, "p1"), (newKey, "p2")) });
        using var oldDuring = await _data.RequestTokenAsync(clientId, oldKey, kid: "p1");
        using var newDuring = await _data.RequestTokenAsync(clientId, newKey, kid: "p2");
        using var onlyNew = await platform.PutAsJsonAsync("/api/v1/platforms/self/jwks", new { jwks = PlatformTestData.Jwks((newKey, "p2")) });
        using var oldAfter = await _data.RequestTokenAsync(clientId, oldKey, kid: "p1");
        using var newAfter = await _data.RequestTokenAsync(clientId, newKey, kid: "p2");

        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onlyNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfter.StatusCode);
    }

    [Fact]
    public async Task RotateKeys_PrivateKeyMaterial_Returns400AndKeepsTheOldKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440000");
        var (_, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        var clientId = credentials.GetProperty("clientId").GetString()!;
        using var platform = await _data.PlatformClientAsync(clientId, key);
        var parameters = key.ExportParameters(true);
        var leaked = new { keys = new[] { new { kty = "EC", crv = "P-256", kid = "p9", x = Base64Url(parameters.Q.X!), y = Base64Url(parameters.Q.Y!), d = Base64Url(parameters.D!) } } };

        using var response = await platform.PutAsJsonAsync("/api/v1/platforms/self/jwks", new { jwks = leaked });
        using var still = await _data.RequestTokenAsync(clientId, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task RotateKeys_CallerWithoutPlatformRecord_Returns404()
    {
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", "people:read");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var response = await client.PutAsJsonAsync("/api/v1/platforms/self/jwks", new { jwks = PlatformTestData.Jwks(key) });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
