using Hub.Contracts.V1;
using Hub.Server.Catalog.Review;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog;

/// <summary>
/// A provider's deletions: each resource is withdrawn from every catalog and space in one change when the deletion is
/// newer than the version held; a deletion of a key the hub has not seen yet is remembered (removed_keys), so the
/// older creation arriving after it is stale, as for people and schools.
/// </summary>
public sealed class ResourceRemovals(HubDbContext db, ResourceReviews reviews, TimeProvider clock)
{
    internal async Task<SyncAnswer> ApplyAsync(string providerId, Guid batchId, IReadOnlyList<EntityRemoval?> removals, CancellationToken ct)
    {
        var answer = new SyncAnswer(batchId, "resources");
        var valid = removals.Where(r => r is not null && !string.IsNullOrWhiteSpace(r.Key) && r.Key.Length <= 128 && r.Version > 0).Select(r => r!).ToList();
        foreach (var bad in removals.Where(r => r is not null && !valid.Contains(r)))
        {
            answer.Reject(bad!.Key ?? "", bad.Version, "key", ExchangeErrors.KeyInvalid);
        }
        var keys = valid.Select(r => r.Key).Distinct().ToArray();
        await ResourceWriter.LockKeysAsync(db, providerId, keys, ct);
        var rows = await db.Set<CatalogResource>()
            .FromSql($"SELECT * FROM resources WHERE provider_id = {providerId} AND source_id = ANY({keys}) ORDER BY id FOR UPDATE")
            .ToDictionaryAsync(r => r.SourceId, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        foreach (var removal in valid.GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Version)!))
        {
            if (!rows.TryGetValue(removal.Key, out var row))
            {
                var early = await db.Set<RemovedKey>().FindAsync([providerId, "resources", removal.Key], ct);
                if (early is null)
                {
                    db.Add(new RemovedKey { PlatformId = providerId, Entity = "resources", Key = removal.Key, Version = removal.Version, RemovedAt = now });
                }
                else if (early.Version < removal.Version)
                {
                    (early.Version, early.RemovedAt) = (removal.Version, now);
                }
                answer.Assign(removal.Key, "", removal.Version, Outcomes.Stale);
                continue;
            }
            if (row.SourceVersion >= removal.Version)
            {
                answer.Assign(removal.Key, row.ResourceId, removal.Version, Outcomes.Stale);
                continue;
            }
            row.SourceVersion = removal.Version;
            await reviews.WithdrawRowAsync(row, ["provider deleted"], providerId, ct);
            await reviews.NotifyProviderAsync(row, ct);
            answer.Assign(removal.Key, row.ResourceId, removal.Version, Outcomes.Removed);
        }
        return answer;
    }
}
