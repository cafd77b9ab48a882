using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// Unlinks people a platform deleted (the national identity stays) with the version rule, records a tombstone per
/// unlink for the deletes stream, and holds batches that would cross the deletion threshold.
/// </summary>
public sealed class PeopleRemovals(HubDbContext db, PeopleBulkWriter writer, IOptions<SyncOptions> options, TimeProvider clock)
{
    internal async Task<(SyncAnswer Answer, RemovalHold? Hold)> ApplyAsync(SyncPlatform platform, Guid batchId, IReadOnlyList<EntityRemoval> removals,
        bool confirmed, CancellationToken ct)
    {
        var answer = new SyncAnswer(batchId, "people");
        var valid = new Dictionary<string, EntityRemoval>(StringComparer.Ordinal);
        foreach (var removal in removals)
        {
            if (removal is null)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(removal.Key) || removal.Key.Length > 128 || removal.Key.Any(char.IsControl))
            {
                answer.Reject(removal.Key ?? "", removal.Version, "key", ExchangeErrors.KeyInvalid);
            }
            else if (removal.Version <= 0)
            {
                answer.Reject(removal.Key, removal.Version, "version", ExchangeErrors.VersionInvalid);
            }
            else if (!valid.TryGetValue(removal.Key, out var other) || other.Version < removal.Version)
            {
                valid[removal.Key] = removal;
            }
        }
        await KeyLocks.LockAsync(db, platform.LinkPlatformId, "people", valid.Keys, ct);
        var now = clock.GetUtcNow();
        if (!confirmed && await ShareAsync(platform, valid.Count, now, ct) is { } share)
        {
            var hold = new RemovalHold
            {
                PlatformId = platform.PublicId, RegionCode = platform.RegionCode, BatchId = batchId, Count = valid.Count, Share = share,
                Removals = JsonSerializer.Serialize(valid.Values), HeldAt = now,
            };
            db.Add(hold);
            return (answer, hold);
        }

        await using var command = await writer.CommandAsync("""
            WITH input AS (SELECT * FROM unnest($2::varchar[], $3::bigint[]) AS t(k, v)),
            unlinked AS (
                UPDATE person_links l SET removed_at = $4, source_version = input.v FROM input
                WHERE l.platform_id = $1 AND l.local_id = input.k AND l.source_version < input.v
                RETURNING l.local_id, l.person_id, l.source_version),
            tombstones AS (
                INSERT INTO change_tombstones (entity, key, region_code, platform_id, reason, occurred_at)
                SELECT 'people', p.hub_id, p.region_code, $1, 'unlinked', $4 FROM unlinked u JOIN people p ON p.id = u.person_id),
            early AS (
                INSERT INTO removed_keys (platform_id, entity, key, version, removed_at)
                SELECT $1, 'people', input.k, input.v, $4 FROM input
                WHERE NOT EXISTS (SELECT 1 FROM person_links l WHERE l.platform_id = $1 AND l.local_id = input.k)
                ON CONFLICT (platform_id, entity, key) DO UPDATE SET version = excluded.version, removed_at = excluded.removed_at
                    WHERE removed_keys.version < excluded.version)
            SELECT u.local_id, p.hub_id, u.source_version FROM unlinked u JOIN people p ON p.id = u.person_id
            """, ct);
        command.Parameters.Add(new NpgsqlParameter { Value = platform.LinkPlatformId });
        command.Parameters.Add(new NpgsqlParameter { Value = valid.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = valid.Values.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                answer.Assign(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), Outcomes.Removed);
                done.Add(reader.GetString(0));
            }
        }
        foreach (var removal in valid.Values.Where(r => !done.Contains(r.Key)))
        {
            // Already removed, or a newer version is held, or never known: in every case the hub's state is final.
            answer.Assign(removal.Key, "", removal.Version, Outcomes.Stale);
        }
        return (answer, null);
    }

    /// <summary>The share the removals would reach, when that crosses the threshold; null when they may be applied.</summary>
    private async Task<double?> ShareAsync(SyncPlatform platform, int count, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var since = now - o.DeletionWindow;
        var recent = await db.Set<ChangeTombstone>().CountAsync(t => t.PlatformId == platform.LinkPlatformId && t.OccurredAt > since, ct);
        var total = count + recent;
        if (total <= o.DeletionFloor)
        {
            return null;
        }
        var linked = await db.Set<Identity.Registry.PersonLink>().CountAsync(l => l.PlatformId == platform.LinkPlatformId && l.RemovedAt == null, ct);
        var share = linked == 0 ? 1.0 : (double)total / (linked + recent);
        return share > o.DeletionThreshold ? share : null;
    }
}
