using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using MassTransit;

namespace Hub.Server.Exchange.Sync;

/// <summary>Compares a platform's digests with the hub's and narrows the round (split further, or ask for records).</summary>
public sealed class ReconciliationReportedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, Reconciliation reconciliation, HubDbContext db,
    Outbox outbox, TimeProvider clock) : IConsumer<ReconciliationReported>
{
    public async Task Consume(ConsumeContext<ReconciliationReported> context)
    {
        var report = context.Message;
        if (await platforms.ResolveAsync(context, report.SourcePlatform, context.CancellationToken) is not ({ } platform, _)
            || !Reconciliation.IsEntity(report.Entity) || report.Buckets is null)
        {
            return;
        }
        var buckets = report.Buckets.Where(b => b is not null && b.Prefix is { Length: >= 2 and <= 16 } && b.Prefix.Length % 2 == 0).ToList();
        var length = buckets.Count == 0 ? 2 : buckets[0].Prefix.Length;
        buckets = buckets.Where(b => b.Prefix.Length == length).ToList();
        await unit.RunAsync(nameof(ReconciliationReportedConsumer), context, report.RequestId, async ct =>
        {
            var now = clock.GetUtcNow();
            var round = await db.Set<ReconciliationRound>().FindAsync([report.RequestId], ct);
            if (round is null)
            {
                round = new ReconciliationRound
                {
                    RequestId = report.RequestId, PlatformId = platform.PublicId, Entity = report.Entity, StartedAt = now,
                    PendingPrefixes = [""], SourceCount = buckets.Sum(b => b.Count),
                    RegionCounts = report.RegionCounts is null ? null : JsonSerializer.Serialize(report.RegionCounts),
                };
                db.Add(round);
            }
            else if (round.PlatformId != platform.PublicId)
            {
                return;
            }
            // The parents this report answers: "" for the first report, otherwise the split prefixes.
            var parents = length == 2 ? [""] : round.PendingPrefixes.Where(p => p.Length == length - 2).ToList();
            var hub = await reconciliation.BucketsAsync(platform, report.Entity, parents, length, ct);
            if (length == 2)
            {
                round.HubCount = hub.Values.Sum(b => b.Count);
            }
            var (split, repair) = reconciliation.Compare(buckets, hub);
            round.PendingPrefixes = [.. round.PendingPrefixes.Except(parents).Union(split).Union(repair)];
            round.MismatchedRanges += repair.Count;
            round.Status = round.PendingPrefixes.Length == 0 ? (round.MismatchedRanges == 0 ? ReconciliationStatus.Matched : ReconciliationStatus.Repaired)
                : ReconciliationStatus.Repairing;
            round.UpdatedAt = now;
            if (round.PendingPrefixes.Length == 0)
            {
                outbox.SendToPlatform(platform.PublicId, new ReconciliationCompleted(round.RequestId, round.Entity, Status(round), round.MismatchedRanges, now));
            }
            else if (split.Count + repair.Count > 0)
            {
                outbox.SendToPlatform(platform.PublicId, new ReconciliationRangesRequested(round.RequestId, round.Entity, split, repair, now));
            }
        });
    }

    internal static string Status(ReconciliationRound round) => round.Status switch
    {
        ReconciliationStatus.Matched => "matched",
        ReconciliationStatus.Repaired => "repaired",
        _ => "repairing",
    };
}

/// <summary>
/// The keys under repaired ranges: records were resent as ordinary batches; keys the hub holds and the source does not
/// are removed here (through the same deletion threshold as any removal).
/// </summary>
public sealed class ReconciliationKeysReportedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, Reconciliation reconciliation,
    PeopleRemovals removals, OrganizationSync organizations, HubDbContext db, Outbox outbox, TimeProvider clock) : IConsumer<ReconciliationKeysReported>
{
    public async Task Consume(ConsumeContext<ReconciliationKeysReported> context)
    {
        var report = context.Message;
        if (await platforms.ResolveAsync(context, report.SourcePlatform, context.CancellationToken) is not ({ } platform, _)
            || !Reconciliation.IsEntity(report.Entity) || report.Prefixes is null || report.Keys is null)
        {
            return;
        }
        await unit.RunAsync(nameof(ReconciliationKeysReportedConsumer), context, Guid.NewGuid(), async ct =>
        {
            var now = clock.GetUtcNow();
            var round = await db.Set<ReconciliationRound>().FindAsync([report.RequestId], ct);
            if (round is null || round.PlatformId != platform.PublicId)
            {
                return;
            }
            var prefixes = report.Prefixes.Where(p => p is { Length: >= 2 and <= 16 }).ToList();
            var extras = await reconciliation.ExtraKeysAsync(platform, report.Entity, prefixes, report.Keys.Where(k => k is not null).ToList(), ct);
            var batchId = Guid.NewGuid();
            // The source no longer has these keys; one version above the hub's marks the deletion as newer.
            var gone = extras.Select(e => new EntityRemoval(e.Key, e.Version + 1, now)).ToList();
            if (gone.Count > 0)
            {
                if (report.Entity == "people")
                {
                    var (answer, hold) = await removals.ApplyAsync(platform, batchId, gone, confirmed: false, ct);
                    if (hold is not null)
                    {
                        await db.SaveChangesAsync(ct);
                        outbox.SendToPlatform(platform.PublicId, new RemovalsHeld(batchId, "people", hold.Id, hold.Count, hold.Share, hold.HeldAt));
                    }
                    else
                    {
                        outbox.SendToPlatform(platform.PublicId, answer.ToMessage(now));
                    }
                }
                else
                {
                    var answer = await organizations.RemoveAsync(platform, new OrganizationsRemoved(batchId, report.SourcePlatform, ExchangeNames.SchemaVersion, gone, now), ct);
                    outbox.SendToPlatform(platform.PublicId, answer.ToMessage(now));
                }
            }
            round.RepairedKeys += gone.Count;
            round.PendingPrefixes = [.. round.PendingPrefixes.Except(prefixes)];
            round.UpdatedAt = now;
            if (round.PendingPrefixes.Length == 0)
            {
                round.Status = round.MismatchedRanges == 0 ? ReconciliationStatus.Matched : ReconciliationStatus.Repaired;
                outbox.SendToPlatform(platform.PublicId, new ReconciliationCompleted(round.RequestId, round.Entity,
                    ReconciliationReportedConsumer.Status(round), round.MismatchedRanges, now));
            }
        });
    }
}
