using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// Transaction-scoped advisory locks on (platform, entity key). Two batches touching the same key (a creation and a
/// removal delivered at once) would otherwise each decide on a snapshot without the other's uncommitted row and commit
/// contradicting rows; with the lock the second waits and then sees the first. Keys are locked in one sorted order, so
/// batches wait for each other but never deadlock on these locks.
/// </summary>
public static class KeyLocks
{
    public static async Task LockAsync(HubDbContext db, string platformId, string entity, IEnumerable<string> keys, CancellationToken ct)
    {
        var sorted = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return;
        }
        var scope = platformId + "/" + entity;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT count(pg_advisory_xact_lock(hashtext({scope}), hashtext(k))) FROM unnest({sorted}) WITH ORDINALITY AS t(k, n)", ct);
    }
}
