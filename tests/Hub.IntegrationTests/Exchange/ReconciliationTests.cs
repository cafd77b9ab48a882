using Hub.Contracts.V1;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>Reconciliation repairs what a lost message left behind: a missing person and a deletion that never arrived.</summary>
public sealed class ReconciliationTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Reconciliation_DroppedBatchAndDroppedRemoval_AreFoundAndRepaired()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var source = Enumerable.Range(0, 120).Select(i => TestPlatform.Person($"r{i}", 1, PeopleTestData.NewIdNumber())).ToList();
        var gone = TestPlatform.Person("gone", 1, PeopleTestData.NewIdNumber());
        // Sent: everything but the last 5 people (their batch was "lost"), plus a person the source has deleted since
        // (its removal was "lost" too).
        foreach (var chunk in source.Take(115).Append(gone).Chunk(40))
        {
            var batch = platform.People(chunk);
            await platform.SendAsync(batch);
            await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId);
        }
        var entries = source.Select(p => (p.LocalId, p.Version)).ToList();

        var round = Guid.NewGuid();
        await platform.SendAsync(new ReconciliationReported(round, platform.Id, "people", Digests.Buckets(entries, 2),
            new Dictionary<string, long> { ["440305"] = 120 }, DateTimeOffset.UtcNow));
        var asked = await platform.ReceiveAsync<ReconciliationRangesRequested>(r => r.RequestId == round);

        Assert.Empty(asked.DigestPrefixes);
        var missing = source.Skip(115).Select(p => Digests.Prefix(p.LocalId, 2)).Append(Digests.Prefix("gone", 2)).Distinct().Order().ToList();
        Assert.Equal(missing, asked.RecordPrefixes.Order().ToList());

        // The adapter's answer: the records under those prefixes again, then every key it holds there.
        var under = source.Where(p => asked.RecordPrefixes.Contains(Digests.Prefix(p.LocalId, 2))).ToList();
        await platform.SendAsync(platform.People([.. under]));
        await platform.SendAsync(new ReconciliationKeysReported(round, platform.Id, "people", asked.RecordPrefixes,
            [.. under.Select(p => new KeyVersion(p.LocalId, p.Version))], DateTimeOffset.UtcNow));
        var done = await platform.ReceiveAsync<ReconciliationCompleted>(c => c.RequestId == round);

        Assert.Equal("repaired", done.Status);
        var links = await PeopleSyncTests.WaitForAsync(async () =>
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<PersonLink>().AsNoTracking()
                .Where(l => l.PlatformId == platform.ClientId && l.RemovedAt == null).Select(l => l.LocalId).ToListAsync();
            return rows.Count == 120 ? rows : null;
        });
        Assert.DoesNotContain("gone", links);

        // A second round over the repaired state matches at once.
        var again = Guid.NewGuid();
        await platform.SendAsync(new ReconciliationReported(again, platform.Id, "people", Digests.Buckets(entries, 2), null, DateTimeOffset.UtcNow));
        Assert.Equal("matched", (await platform.ReceiveAsync<ReconciliationCompleted>(c => c.RequestId == again)).Status);
    }
}

/// <summary>A hub that repairs only ranges of up to 4 keys, so narrowing is visible with little data.</summary>
public sealed class SmallRangeHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Exchange:RepairRangeSize", "4")];
}

public sealed class ReconciliationNarrowingTests(SmallRangeHubApp app) : IClassFixture<SmallRangeHubApp>
{
    [Fact]
    public async Task Reconciliation_LargeMismatchedRange_IsSplitBeforeRecordsAreAsked()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        // 3000 keys the hub never received: ~12 per two-digit bucket, more than the 4 a range may hold to be repaired.
        var entries = Enumerable.Range(0, 3000).Select(i => ($"k{i}", 1L)).ToList();
        var round = Guid.NewGuid();
        await platform.SendAsync(new ReconciliationReported(round, platform.Id, "people", Digests.Buckets(entries, 2), null, DateTimeOffset.UtcNow));

        var first = await platform.ReceiveAsync<ReconciliationRangesRequested>(r => r.RequestId == round);

        var buckets = Digests.Buckets(entries, 2);
        Assert.Equal(buckets.Where(b => b.Count > 4).Select(b => b.Prefix).Order(), first.DigestPrefixes.Order());
        Assert.Equal(buckets.Where(b => b.Count <= 4).Select(b => b.Prefix).Order(), first.RecordPrefixes.Order());

        // The adapter splits one of them; its four-digit buckets are small, so now records are asked for.
        var parent = first.DigestPrefixes[0];
        await platform.SendAsync(new ReconciliationReported(round, platform.Id, "people", Digests.Buckets(entries, 4, parent), null, DateTimeOffset.UtcNow));
        var second = await platform.ReceiveAsync<ReconciliationRangesRequested>(r => r.RequestId == round && r.RecordPrefixes.All(p => p.Length == 4));

        Assert.Empty(second.DigestPrefixes);
        Assert.All(second.RecordPrefixes, p => Assert.StartsWith(parent, p, StringComparison.Ordinal));
        Assert.Equal(Digests.Buckets(entries, 4, parent).Select(b => b.Prefix).Order(), second.RecordPrefixes.Order());
    }
}
