using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Federation;

/// <summary>
/// One platform's federation, made fresh by each test: the hub's client at the platform's provider (the upstream),
/// the platform at the hub (federation:manage, people:write) with its upstream registered, and helpers for people on
/// both sides. At the upstream the hub is a platform-kind client, so the upstream's "sub" is the upstream hub id.
/// </summary>
internal sealed class FederationScenario
{
    public static readonly Uri Callback = new(FederationFixture.HubIssuer, "/account/federated-callback");

    private FederationScenario(FederationFixture apps, HttpClient platform, string platformId, string clientId, string clientSecret)
    {
        Apps = apps;
        Platform = platform;
        PlatformId = platformId;
        UpstreamClientId = clientId;
        UpstreamClientSecret = clientSecret;
    }

    public FederationFixture Apps { get; }
    public HttpClient Platform { get; }
    public string PlatformId { get; }
    public string UpstreamClientId { get; }
    public string UpstreamClientSecret { get; }

    /// <summary>The hub's client at the upstream and the platform at the hub; the upstream not yet registered.</summary>
    public static async Task<FederationScenario> CreateAsync(FederationFixture apps)
    {
        var clientId = "hub-" + Guid.NewGuid().ToString("N")[..10];
        var secret = "up-secret-" + Guid.NewGuid().ToString("N");
        await using (var scope = apps.Upstream.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
                clientId, "国家数字教育资源公共服务体系", ClientKind.Platform, JurisdictionLevel.National, null, [HubScopes.OpenId],
                ClientSecret: secret, RedirectUris: [Callback], AllowAuthorizationCode: true));
        }
        var (platform, platformId) = await PlatformClients.CreateAsync(apps.Hub, "440300", HubScopes.FederationManage, HubScopes.PeopleWrite);
        return new FederationScenario(apps, platform, platformId, clientId, secret);
    }

    public object Registration(string? issuer = null, string? secret = null) => new
    {
        issuer = issuer ?? FederationFixture.UpstreamIssuer.ToString(),
        clientId = UpstreamClientId,
        clientSecret = secret ?? UpstreamClientSecret,
        displayName = new { zh = "深圳市教育平台", en = "Shenzhen Education Platform" },
    };

    public async Task<HttpResponseMessage> RegisterUpstreamAsync(object? body = null) =>
        await Platform.PutAsJsonAsync("/api/v1/federation/upstream", body ?? Registration());

    /// <summary>A person with a password at the upstream; returns their "sub" there (the upstream hub id).</summary>
    public async Task<string> UpstreamPersonAsync(string name = "周八") => (await new UserFlow(Apps.Upstream).CreatePersonAsync(name)).HubId;

    /// <summary>The platform registers a person at the hub with its own user id (the upstream "sub"); returns the hub id.</summary>
    public async Task<string> LinkAtHubAsync(string upstreamSubject, string name = "周八")
    {
        using var response = await Platform.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(), name, localId: upstreamSubject));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
    }
}
