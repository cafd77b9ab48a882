using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Federation;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Federation;

/// <summary>PUT/GET/DELETE /api/v1/federation/upstream: validation, the discovery check, the secret, who may call.</summary>
public sealed class UpstreamRegistrationTests(FederationFixture apps) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task Put_EveryFieldInvalid_Returns400NamingEachFieldAndSavesNothing()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var response = await scenario.RegisterUpstreamAsync(new
        {
            issuer = "ftp://upstream.test/?tenant=1",
            clientId = "has space",
            clientSecret = "short",
            displayName = new { zh = " ", en = new string('x', 51) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("HUB-GEN-0006", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["issuer"] = "HUB-FED-0001", ["clientId"] = "HUB-FED-0002", ["clientSecret"] = "HUB-FED-0003",
            ["displayName.zh"] = "HUB-FED-0004", ["displayName.en"] = "HUB-FED-0004",
        }, errors);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Platform.GetAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Put_EmptyBody_NamesEveryRequiredField()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var response = await scenario.RegisterUpstreamAsync(new { });

        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("field").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["clientId", "clientSecret", "displayName.en", "displayName.zh", "issuer"], fields);
    }

    [Fact]
    public async Task Put_DiscoveryIssuerDiffers_Returns400AndSavesNothing()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var response = await scenario.RegisterUpstreamAsync(scenario.Registration(issuer: $"http://{FederationFixture.AliasHost}/"));

        await AssertFieldProblemAsync(response, "issuer", "HUB-FED-0006");
        Assert.Null(await FindAsync(scenario.PlatformId));
    }

    [Fact]
    public async Task Put_UpstreamUnreachable_Returns400AndSavesNothing()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var response = await scenario.RegisterUpstreamAsync(scenario.Registration(issuer: "http://nowhere.test/"));

        await AssertFieldProblemAsync(response, "issuer", "HUB-FED-0005");
        Assert.Null(await FindAsync(scenario.PlatformId));
    }

    [Fact]
    public async Task PutAndGet_ValidRegistration_SecretNeverReturnedAndEncryptedAtRest()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var created = await scenario.RegisterUpstreamAsync();
        var createdBody = await created.Content.ReadAsStringAsync();
        using var updated = await scenario.RegisterUpstreamAsync();
        var got = await scenario.Platform.GetStringAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        foreach (var body in new[] { createdBody, got, await updated.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain(scenario.UpstreamClientSecret, body, StringComparison.Ordinal);
        }
        var view = JsonDocument.Parse(got).RootElement;
        Assert.Equal(UpstreamProviderView.Mask, view.GetProperty("clientSecretMasked").GetString());
        Assert.Equal(FederationScenario.Callback.ToString(), view.GetProperty("callbackUri").GetString());
        Assert.Equal(scenario.PlatformId, view.GetProperty("platformId").GetString());
        Assert.True(view.GetProperty("enabled").GetBoolean());

        await using var scope = apps.Hub.Factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<UpstreamProvider>().SingleAsync(p => p.PlatformId == scenario.PlatformId);
        Assert.DoesNotContain(scenario.UpstreamClientSecret, Encoding.UTF8.GetString(row.ClientSecretCiphertext), StringComparison.Ordinal);
        Assert.Equal(scenario.UpstreamClientSecret, scope.ServiceProvider.GetRequiredService<UpstreamProviders>().RevealSecret(row));
        var actions = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .Where(e => e.SubjectId == scenario.PlatformId && e.SubjectType == UpstreamProviders.SubjectType).Select(e => e.Action).ToListAsync();
        Assert.Equal(["federation.upstream.create", "federation.upstream.update"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delete_Registered_DisablesAndKeepsTheRecord()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).Dispose();

        using var deleted = await scenario.Platform.DeleteAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative));
        var view = await scenario.Platform.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/federation/upstream", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(view.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Delete_NothingRegistered_Returns404()
    {
        var scenario = await FederationScenario.CreateAsync(apps);

        using var response = await scenario.Platform.DeleteAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(ClientKind.Vendor)]
    [InlineData(ClientKind.Operator)]
    public async Task Put_CallerNotAPlatform_Returns403AndSavesNothing(ClientKind kind)
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        var id = kind.ToString().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..10];
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        await using (var scope = apps.Hub.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
                id, "非平台", kind, JurisdictionLevel.National, null, [HubScopes.FederationManage], ClientSecret: secret, AllowClientCredentials: true));
        }
        using var tokenResponse = await PlatformClients.RequestTokenAsync(apps.Hub, id, secret, HubScopes.FederationManage);
        using var client = apps.Hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());

        using var response = await client.PutAsJsonAsync("/api/v1/federation/upstream", scenario.Registration());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("HUB-FED-0007", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Null(await FindAsync(id));
    }

    [Fact]
    public async Task Put_PlatformWithoutFederationScope_Returns403()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        var (platform, _) = await PlatformClients.CreateAsync(apps.Hub, "440300", HubScopes.PeopleWrite);

        using var response = await platform.PutAsJsonAsync("/api/v1/federation/upstream", scenario.Registration());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<UpstreamProvider?> FindAsync(string platformId)
    {
        await using var scope = apps.Hub.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UpstreamProviders>().FindAsync(platformId, default);
    }

    private static async Task AssertFieldProblemAsync(HttpResponseMessage response, string field, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("messages").GetProperty("zh-CN").GetString()));
    }
}
