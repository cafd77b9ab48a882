using Hub.Contracts.V1;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// The hub's side of reconciliation: the same buckets and digests as the adapter (specs/exchange), computed in SQL over
/// the platform's live links (people) or sources (schools); mismatching ranges are split until small, then repaired from
/// the records the adapter sends again and the keys it reports.
/// </summary>
public sealed class Reconciliation(HubDbContext db, IOptions<SyncOptions> options)
{
    public static bool IsEntity(string? entity) => entity is "people" or "organizations";

    public sealed record Bucket(string Prefix, long Count, string Digest);

    /// <summary>The hub's buckets of <paramref name="length"/> hex digits under <paramref name="parents"/>.</summary>
    public async Task<Dictionary<string, Bucket>> BucketsAsync(SyncPlatform platform, string entity, IReadOnlyCollection<string> parents, int length, CancellationToken ct)
    {
        var (table, key, live) = Source(entity);
        var parentLength = length - 2;
        var sql = $$"""
            SELECT substr(md5({{key}}), 1, {{length}}) AS "Prefix", count(*) AS "Count",
                lpad(to_hex(bit_xor(('x' || substr(md5({{key}} || ':' || source_version), 1, 16))::bit(64)::bigint)), 16, '0') AS "Digest"
            FROM {{table}} WHERE platform_id = {0} AND {{live}} AND substr(md5({{key}}), 1, {{parentLength}}) = ANY({1})
            GROUP BY 1
            """;
        var rows = await db.Database.SqlQueryRaw<Bucket>(sql, platform.LinkPlatformId, parents.ToArray()).ToListAsync(ct);
        return rows.ToDictionary(b => b.Prefix, StringComparer.Ordinal);
    }

    /// <summary>Compares the platform's report with the hub's buckets: prefixes to split further and prefixes to repair.</summary>
    public (List<string> Split, List<string> Repair) Compare(IReadOnlyList<DigestBucket> reported, Dictionary<string, Bucket> hub)
    {
        var split = new List<string>();
        var repair = new List<string>();
        var theirs = reported.ToDictionary(b => b.Prefix, StringComparer.Ordinal);
        foreach (var prefix in theirs.Keys.Union(hub.Keys).Order(StringComparer.Ordinal))
        {
            var a = theirs.GetValueOrDefault(prefix);
            var b = hub.GetValueOrDefault(prefix);
            if (a is not null && b is not null && a.Count == b.Count && string.Equals(a.Digest, b.Digest, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var size = Math.Max(a?.Count ?? 0, b?.Count ?? 0);
            (size <= options.Value.RepairRangeSize || prefix.Length >= 8 ? repair : split).Add(prefix);
        }
        return (split, repair);
    }

    /// <summary>Keys the hub holds live under the prefixes that the source did not report: the source deleted them.</summary>
    public async Task<List<(string Key, long Version)>> ExtraKeysAsync(SyncPlatform platform, string entity, IReadOnlyList<string> prefixes,
        IReadOnlyList<KeyVersion> sourceKeys, CancellationToken ct)
    {
        var (table, key, live) = Source(entity);
        var held = new HashSet<string>(sourceKeys.Select(k => k.Key), StringComparer.Ordinal);
        var extras = new List<(string, long)>();
        foreach (var group in prefixes.GroupBy(p => p.Length))
        {
            // Only the fixed table and column names of Source() and a length are spliced in; values are parameters.
            var sql = $$"""SELECT {{key}} AS "Key", source_version AS "Version" FROM {{table}} WHERE platform_id = {0} AND {{live}} AND substr(md5({{key}}), 1, {{group.Key}}) = ANY({1})""";
            var rows = await db.Database.SqlQueryRaw<KeyRow>(sql, platform.LinkPlatformId, group.ToArray()).ToListAsync(ct);
            extras.AddRange(rows.Where(r => !held.Contains(r.Key)).Select(r => (r.Key, r.Version)));
        }
        return extras;
    }

    public sealed record KeyRow(string Key, long Version);

    private static (string Table, string Key, string Live) Source(string entity) => entity switch
    {
        "people" => ("person_links", "local_id", "removed_at IS NULL"),
        "organizations" => ("organization_sources", "code", "removed_at IS NULL"),
        _ => throw new ArgumentOutOfRangeException(nameof(entity)),
    };
}
