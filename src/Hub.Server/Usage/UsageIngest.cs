using Hub.Contracts.V1;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hub.Server.Usage;

/// <summary>The outcome of one usage batch.</summary>
public sealed record UsageOutcome(int Accepted, int Duplicates, IReadOnlyList<RecordRejection> Rejected);

/// <summary>
/// Stores and aggregates a batch of usage events set-based, in the caller's transaction: the shape of each event is
/// checked in memory, then one statement resolves every person (hub id → person, region, current school) and resource
/// (id, or provider and sourceId), inserts the new events (a repeated event id is never stored or counted twice),
/// adds exactly those to the daily aggregates and names the events it could not resolve. Rows are taken in key order,
/// so concurrent batches wait for each other instead of deadlocking. The person and their current school are read
/// from two covering indexes (people by hub id; affiliations by person, role, school), without visiting the tables.
/// </summary>
public sealed class UsageIngest(HubDbContext db, TimeProvider clock)
{
    public const int MaxEvents = 5000;

    public async Task<UsageOutcome> ApplyAsync(string platformId, IReadOnlyList<UsageEvent?> events, CancellationToken ct)
    {
        var rejected = new List<RecordRejection>();
        var valid = new List<(UsageEvent Event, string Person, UsageEventType Type, int Value)>(events.Count);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            if (Check(e, now) is { } error)
            {
                rejected.Add(Reject(e, error.Field, error.Error));
                continue;
            }
            valid.Add((e!, HubIds.Normalize(e!.Person)!, Parse(e.Type)!.Value, Value(e)));
        }
        if (valid.Count == 0)
        {
            return new UsageOutcome(0, 0, rejected);
        }
        // Repeats are rare (a redelivery, a platform's retry), so the events are first inserted plainly: ON CONFLICT
        // costs every event a second probe of the event-id index. A repeat fails the statement with a unique
        // violation, and only then is the batch applied again with ON CONFLICT, from a savepoint.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
        List<(long Ordinal, RecordRejection Rejection)> unknown;
        int accepted;
        try
        {
            if (transaction is not null)
            {
                await transaction.SaveAsync(Savepoint, ct);
            }
            (accepted, unknown) = await ExecuteAsync(PlainSql, platformId, valid, now, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "pk_usage_events")
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(Savepoint, ct);
            }
            (accepted, unknown) = await ExecuteAsync(IdempotentSql, platformId, valid, now, ct);
        }
        if (transaction is not null)
        {
            await transaction.ReleaseAsync(Savepoint, ct);
        }
        rejected.AddRange(unknown.OrderBy(u => u.Ordinal).Select(u => u.Rejection));
        return new UsageOutcome(accepted, valid.Count - unknown.Count - accepted, rejected);
    }

    private const string Savepoint = "usage_events";

    private static NpgsqlParameter[] Parameters(string platformId, List<(UsageEvent Event, string Person, UsageEventType Type, int Value)> valid, DateTimeOffset now)
    {
        var text = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
        return
        [
            new NpgsqlParameter<Guid[]>("ids", [.. valid.Select(v => v.Event.EventId)]),
            new NpgsqlParameter<string[]>("people", [.. valid.Select(v => v.Person)]),
            new NpgsqlParameter<string?[]>("rids", [.. valid.Select(v => v.Event.Resource.Id?.ToUpperInvariant())]) { NpgsqlDbType = text },
            new NpgsqlParameter<string?[]>("providers", [.. valid.Select(v => v.Event.Resource.PlatformId)]) { NpgsqlDbType = text },
            new NpgsqlParameter<string?[]>("sources", [.. valid.Select(v => v.Event.Resource.SourceId)]) { NpgsqlDbType = text },
            new NpgsqlParameter<short[]>("types", [.. valid.Select(v => (short)v.Type)]),
            new NpgsqlParameter<DateTimeOffset[]>("at", [.. valid.Select(v => v.Event.OccurredAt.ToUniversalTime())]),
            new NpgsqlParameter<int[]>("vals", [.. valid.Select(v => v.Value)]),
            new NpgsqlParameter<string>("platform", platformId),
            new NpgsqlParameter<DateOnly>("today", DateOnly.FromDateTime(now.UtcDateTime.AddHours(8))),
        ];
    }

    /// <summary>Runs the ingest: the count stored now, and one entry per event refused for an unknown person or resource.</summary>
    private async Task<(int Accepted, List<(long Ordinal, RecordRejection Rejection)> Unknown)> ExecuteAsync(string sql, string platformId,
        List<(UsageEvent Event, string Person, UsageEventType Type, int Value)> valid, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(Parameters(platformId, valid, now));
        var accepted = 0;
        var unknown = new List<(long Ordinal, RecordRejection Rejection)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var ordinal = reader.GetInt64(0);
            if (ordinal == 0)
            {
                accepted = (int)reader.GetInt64(2);
                continue;
            }
            var e = valid[(int)ordinal - 1].Event;
            var person = reader.GetBoolean(1);
            unknown.Add((ordinal, Reject(e, person ? "person" : "resource", person ? UsageErrors.PersonUnknown : UsageErrors.ResourceUnknown)));
        }
        return (accepted, unknown);
    }

    private static (string Field, ErrorDefinition Error)? Check(UsageEvent? e, DateTimeOffset now)
    {
        if (e is null || e.EventId == Guid.Empty)
        {
            return ("eventId", UsageErrors.EventIdInvalid);
        }
        if (Parse(e.Type) is not { } type)
        {
            return ("type", UsageErrors.TypeUnknown);
        }
        if (HubIds.Normalize(e.Person) is null)
        {
            return ("person", UsageErrors.PersonUnknown);
        }
        if (e.Resource is null || (e.Resource.Id is not { Length: 17 } && (e.Resource.PlatformId is not { Length: >= 1 and <= 200 }
            || e.Resource.SourceId is not { Length: >= 1 and <= 128 })))
        {
            return ("resource", UsageErrors.ResourceUnknown);
        }
        if (e.OccurredAt == default || e.OccurredAt > now.AddDays(1) || e.OccurredAt.Year < 2000)
        {
            return ("occurredAt", UsageErrors.OccurredAtInvalid);
        }
        var fits = (type == UsageEventType.Rate ? e.Rating is >= 1 and <= 5 : e.Rating is null)
            && (type == UsageEventType.TimeSpent ? e.Seconds is >= 1 and <= 86400 : e.Seconds is null)
            && (type == UsageEventType.Favourite ? e.Favourite is not null : e.Favourite is null)
            && (type == UsageEventType.Complete ? e.Progress is null or >= 0 and <= 100 : e.Progress is null);
        return fits ? null : ("type", UsageErrors.ValueInvalid);
    }

    public static UsageEventType? Parse(string? type) => type switch
    {
        "view" => UsageEventType.View,
        "download" => UsageEventType.Download,
        "favourite" => UsageEventType.Favourite,
        "rate" => UsageEventType.Rate,
        "complete" => UsageEventType.Complete,
        "time_spent" => UsageEventType.TimeSpent,
        _ => null,
    };

    public static string Wire(UsageEventType type) => type == UsageEventType.TimeSpent ? "time_spent" : type.ToString().ToLowerInvariant();

    private static int Value(UsageEvent e) => e.Rating ?? e.Seconds ?? e.Progress ?? (e.Favourite is { } f ? (f ? 1 : 0) : 0);

    private static RecordRejection Reject(UsageEvent? e, string field, ErrorDefinition error) =>
        new(e?.EventId.ToString() ?? "", 0, error.Code, field, error.MessageZh, error.MessageEn);

    private static readonly string PlainSql = IngestSql.Replace("/*conflict*/", "", StringComparison.Ordinal);
    private static readonly string IdempotentSql = IngestSql.Replace("/*conflict*/", "ON CONFLICT (event_id) DO NOTHING", StringComparison.Ordinal);

    // One statement, no round trip per step: resolve every person (region, current school) and resource, insert the
    // resolved events in key order (with ON CONFLICT (event_id) DO NOTHING when a repeat is present: a repeat is never counted), add exactly the
    // inserted ones to the daily aggregates in key order, and report the unresolved. China-time day: occurred_at is
    // stored in UTC; +8 hours then the date (no time zone database needed).
    private const string IngestSql = """
        WITH resolved AS MATERIALIZED (
            SELECT i.ord, i.event_id, i.type, i.occurred_at, i.value, p.id AS person_id, p.region_code, coalesce(r1.id, r2.id) AS resource_id,
                   (SELECT a.organization_code FROM person_affiliations a WHERE a.person_id = p.id AND a.valid_from <= @today
                      AND (a.valid_to IS NULL OR a.valid_to >= @today) ORDER BY a.role, a.organization_code LIMIT 1) AS school_code
            FROM unnest(@ids::uuid[], @people::text[], @rids::text[], @providers::text[], @sources::text[], @types::smallint[], @at::timestamptz[], @vals::int[])
                WITH ORDINALITY AS i(event_id, person, rid, provider, source, type, occurred_at, value, ord)
            LEFT JOIN people p ON p.hub_id = i.person
            LEFT JOIN resources r1 ON r1.resource_id = i.rid
            LEFT JOIN resources r2 ON i.rid IS NULL AND r2.provider_id = i.provider AND r2.source_id = i.source
        ), fresh AS (
            INSERT INTO usage_events (event_id, person_id, resource_id, type, occurred_at, value, platform_id, region_code, school_code)
            SELECT event_id, person_id, resource_id, type, occurred_at, value, @platform, region_code, coalesce(school_code, '')
            FROM resolved WHERE person_id IS NOT NULL AND resource_id IS NOT NULL
            ORDER BY event_id
            /*conflict*/
            RETURNING resource_id, region_code, school_code, type, occurred_at, value
        ), totals AS (
            SELECT ((occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, resource_id, region_code, school_code,
                   count(*) FILTER (WHERE type = 0) AS views, count(*) FILTER (WHERE type = 1) AS downloads,
                   coalesce(sum(CASE WHEN value = 1 THEN 1 ELSE -1 END) FILTER (WHERE type = 2), 0) AS favourites,
                   count(*) FILTER (WHERE type = 3) AS ratings, coalesce(sum(value) FILTER (WHERE type = 3), 0) AS rating_sum,
                   count(*) FILTER (WHERE type = 4) AS completions, coalesce(sum(value) FILTER (WHERE type = 5), 0) AS seconds, count(*) AS events
            FROM fresh GROUP BY 1, 2, 3, 4
        ), added AS (
            INSERT INTO usage_daily AS d (day, resource_id, region_code, school_code, views, downloads, favourites, ratings, rating_sum, completions, seconds, events)
            SELECT * FROM totals ORDER BY region_code, day, school_code, resource_id
            ON CONFLICT (region_code, day, school_code, resource_id) DO UPDATE SET
                views = d.views + excluded.views, downloads = d.downloads + excluded.downloads, favourites = d.favourites + excluded.favourites,
                ratings = d.ratings + excluded.ratings, rating_sum = d.rating_sum + excluded.rating_sum, completions = d.completions + excluded.completions,
                seconds = d.seconds + excluded.seconds, events = d.events + excluded.events
            RETURNING 1
        )
        SELECT ord, person_id IS NULL, 0::bigint FROM resolved WHERE person_id IS NULL OR resource_id IS NULL
        UNION ALL
        SELECT 0, false, (SELECT count(*) FROM fresh) + 0 * (SELECT count(*) FROM added)
        """;
}
