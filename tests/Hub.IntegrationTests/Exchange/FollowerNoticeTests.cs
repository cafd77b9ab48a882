using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Organizations;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>ChangesAvailable names the stream that changed: a follower pulls only the streams its notices name.</summary>
public sealed class FollowerNoticeTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task OrganizationsRemoved_ProvinceAboveTheCity_IsToldOfTheDeletesStream()
    {
        await using var city = await TestPlatform.ConnectAsync(app, "440300");
        await using var province = await TestPlatform.ConnectAsync(app, "440000");
        var code = "2144" + Random.Shared.Next(100_000, 1_000_000);
        long version = 0;
        // The hub looks its connected followers up at most every 30 s: change the school until the province hears of it.
        ChangesAvailable? changed = null;
        for (var attempt = 0; changed is null && attempt < 8; attempt++)
        {
            version++;
            var batch = new OrganizationsChanged(Guid.NewGuid(), city.Id, ExchangeNames.SchemaVersion,
                [new OrganizationChange(code, version, DateTimeOffset.UtcNow, "南山区通知测试学校" + version, "小学（6年）", "440305", "1000M", 24, 24, 2, 50, 900)],
                DateTimeOffset.UtcNow);
            await city.SendAsync(batch);
            var answer = await city.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId);
            Assert.True(answer.Assigned.Count == 1, string.Join("; ", answer.Rejected.Select(r => $"{r.Code} {r.Field} {r.Message}")));
            try
            {
                changed = await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "organizations", seconds: 10);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Assert.NotNull(changed);

        await city.SendAsync(new OrganizationsRemoved(Guid.NewGuid(), city.Id, ExchangeNames.SchemaVersion,
            [new EntityRemoval(code, version + 1, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow));
        var removed = await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "organizations-deletes", seconds: 40);

        Assert.True(removed.FromVersion > changed.FromVersion);
    }

    [Fact]
    public async Task Merge_ByAnOperatorOfTheCity_PlatformsAboveAndOfThePeopleAreToldOfKeysAndPeople()
    {
        await using var province = await TestPlatform.ConnectAsync(app, "440000");
        await using var city = await TestPlatform.ConnectAsync(app, "440300");
        ForgetConnectedPlatforms();
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleRead, HubScopes.PeopleWrite);
        var survivor = await RegisterAsync(client, "m-1");
        var merged = await RegisterAsync(client, "m-2");
        var before = await DbAsync(db => db.CurrentChangeVersionAsync(CancellationToken.None));

        using var merge = await client.PostAsJsonAsync("/api/v1/people/merge", new { survivorHubId = survivor, mergedHubId = merged });

        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        var keyVersion = await DbAsync(db => db.Set<KeyChange>().Where(k => k.MergedHubId == merged).Select(k => k.ChangeVersion).SingleAsync());
        bool Ours(ChangesAvailable c) => c.FromVersion > before && c.FromVersion <= keyVersion;
        foreach (var platform in new[] { province, city })
        {
            var keys = await platform.ReceiveAsync<ChangesAvailable>(c => c.Stream == "people-keys" && Ours(c));
            await platform.ReceiveAsync<ChangesAvailable>(c => c.Stream == "people" && c.FromVersion == keys.FromVersion);
        }
    }

    [Fact]
    public async Task PersonAndSchoolRegisteredThroughTheApi_ProvinceAboveIsToldOfPeopleAndOrganizations()
    {
        await using var province = await TestPlatform.ConnectAsync(app, "440000");
        ForgetConnectedPlatforms();
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleWrite, HubScopes.OrganizationsWrite);
        var before = await DbAsync(db => db.CurrentChangeVersionAsync(CancellationToken.None));

        var hubId = await RegisterAsync(client, "r-1");
        var code = OrganizationTestData.NewSchoolCode("440305");
        using var school = await client.PostAsJsonAsync("/api/v1/organizations/schools", OrganizationTestData.School(code, "440305"));

        Assert.Equal(HttpStatusCode.Created, school.StatusCode);
        var personVersion = await DbAsync(db => db.Set<Person>().Where(p => p.HubId == hubId).Select(p => p.ChangeVersion).SingleAsync());
        var schoolVersion = await DbAsync(db => db.Set<Organization>().Where(o => o.Code == code).Select(o => o.ChangeVersion).SingleAsync());
        await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "people" && c.FromVersion > before && c.FromVersion <= personVersion);
        await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "organizations" && c.FromVersion > personVersion && c.FromVersion <= schoolVersion);
    }

    // The hub caches its connected platforms for 30 s; the ones a test just connected must be seen now.
    private void ForgetConnectedPlatforms()
    {
        using var scope = app.Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IMemoryCache>().Remove("exchange:connected-platforms");
    }

    private static async Task<string> RegisterAsync(HttpClient client, string localId)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/people", new { localId, name = "吴九", roles = new[] { 1 }, regionCode = "440305" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
    }

    private async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> read)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }
}
