using Hub.Contracts.V1;
using Hub.IntegrationTests.Catalog;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Catalog;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>Resource batches over the real broker: answers, version rule, shuffled duplicates, removals, review notices.</summary>
public sealed class ResourceSyncTests(HubApp app) : IClassFixture<HubApp>
{
    private static ResourcesChanged Batch(TestPlatform platform, params ResourceRecord[] records) =>
        new(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion, records, DateTimeOffset.UtcNow);

    private static ResourceRecord City(string sourceId, long version, string title = "深圳市初中数学微课") =>
        CatalogWorld.Record(title: title, level: "city", region: "440300", sourceId: sourceId, version: version, subject: "mathematics");

    [Fact]
    public async Task ResourcesChanged_MixedBatch_StoresValidRecordsPendingAndRejectsTheBadOneWithItsReason()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var batch = Batch(platform, City("r1", 1), City("r2", 1), City("bad", 1) with { Subject = "astrology" });

        await platform.SendAsync(batch);
        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId);

        Assert.Equal("resources", answer.Entity);
        Assert.Equal(["r1", "r2"], answer.Assigned.Select(a => a.Key).Order());
        Assert.All(answer.Assigned, a => Assert.StartsWith("R", a.HubId, StringComparison.Ordinal));
        var rejected = Assert.Single(answer.Rejected);
        Assert.Equal(("bad", "subject", "HUB-RES-0006"), (rejected.Key, rejected.Field, rejected.Code));
        var rows = await DbAsync(db => db.Set<CatalogResource>().Where(r => r.ProviderId == platform.ClientId).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(ResourceStatus.Pending, r.Status));
    }

    [Fact]
    public async Task ResourcesChanged_EveryMessageTwiceInShuffledOrder_ConvergesToTheNewestVersionsAndRemovals()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var messages = new List<object>();
        for (var v = 1; v <= 3; v++)
        {
            messages.Add(Batch(platform, [.. Enumerable.Range(0, 8).Select(i => City($"s{i}", v, $"版本{v}的资源{i}"))]));
        }
        messages.Add(new ResourcesRemoved(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion,
            [.. Enumerable.Range(0, 3).Select(i => new EntityRemoval($"s{i}", 4, DateTimeOffset.UtcNow))], DateTimeOffset.UtcNow));
        var deliveries = messages.Select(m => (Message: m, Id: Guid.NewGuid())).SelectMany(d => new[] { d, d }).ToList();
        var random = new Random(20261124);
        foreach (var (message, id) in deliveries.OrderBy(_ => random.Next()))
        {
            await (message is ResourcesChanged c ? platform.SendAsync(c, id) : platform.SendAsync((ResourcesRemoved)message, id));
        }

        // A removal that overtook the creations leaves no row at all (the creations are stale); either way nothing of s0–s2 is in a catalog.
        var rows = await Eventually(async () =>
        {
            var found = await DbAsync(db => db.Set<CatalogResource>().Where(r => r.ProviderId == platform.ClientId).ToListAsync());
            var early = await DbAsync(db => db.Set<Hub.Server.Exchange.Sync.RemovedKey>().Where(k => k.PlatformId == platform.ClientId && k.Version == 4)
                .Select(k => k.Key).ToListAsync());
            var removedDone = new[] { "s0", "s1", "s2" }.All(k => found.Any(r => r.SourceId == k && r.SourceVersion == 4) || early.Contains(k));
            return removedDone && found.Count(r => r.SourceVersion == 3) == 5 ? found : null;
        });

        Assert.All(rows.Where(r => r.SourceId is "s0" or "s1" or "s2"), r => Assert.Equal(ResourceStatus.Withdrawn, r.Status));
        Assert.All(rows.Where(r => r.SourceVersion == 3), r => Assert.StartsWith("版本3", r.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewDecision_IsAnnouncedToTheProviderPlatform()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var batch = Batch(platform, City("rv1", 1));
        await platform.SendAsync(batch);
        var id = (await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId)).Assigned[0].HubId;

        await new CatalogWorld(app).ReviewAsync("440300", id, "reject", "缺少字幕");
        var reviewed = await platform.ReceiveAsync<ResourceReviewed>(r => r.ResourceId == id);

        Assert.Equal(("rv1", "rejected", "city", "440300"), (reviewed.SourceId, reviewed.Status, reviewed.Level, reviewed.RegionCode));
        Assert.Equal(["缺少字幕"], reviewed.Reasons);
    }

    [Fact]
    public async Task ResourcesRemoved_BeforeItsCreation_MakesTheOlderCreationStale()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var removal = new ResourcesRemoved(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion, [new EntityRemoval("early", 5, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow);
        await platform.SendAsync(removal);
        await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == removal.BatchId);
        var late = Batch(platform, City("early", 2));

        await platform.SendAsync(late);
        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == late.BatchId);

        Assert.Equal("stale", Assert.Single(answer.Assigned).Outcome);
        Assert.Equal(0, await DbAsync(db => db.Set<CatalogResource>().CountAsync(r => r.ProviderId == platform.ClientId && r.SourceId == "early")));
    }

    private async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    internal static async Task<T> Eventually<T>(Func<Task<T?>> probe, int seconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached in time");
            }
            await Task.Delay(200);
        }
    }
}
