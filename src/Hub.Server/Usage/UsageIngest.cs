using Hub.Contracts.V1;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hub.Server.Usage;

/// <summary>The outcome of one usage batch.</summary>
public sealed record UsageOutcome(int Accepted, int Duplicates, IReadOnlyList<RecordRejection> Rejected);

/// <summary>
/// Stores and aggregates a batch of usage events set-based, in the caller's transaction: the shape of each event is
/// checked in memory, one query resolves every person (hub id → person, region, current school) and resource (id, or
/// provider and sourceId), and one statement inserts the new events (ON CONFLICT (event_id) DO NOTHING: a repeat is
/// never counted) and adds exactly those to the daily aggregates. Rows are taken in key order, so concurrent batches
/// wait for each other instead of deadlocking.
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
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var resolved = await ResolveAsync(connection, valid, ct);
        var ids = new List<Guid>(valid.Count);
        var (people, resources, types, at, values, regions, schools) = (new List<long>(), new List<long>(), new List<short>(), new List<DateTimeOffset>(),
            new List<int>(), new List<string>(), new List<string>());
        for (var i = 0; i < valid.Count; i++)
        {
            var (e, _, type, value) = valid[i];
            var r = resolved[i];
            if (r.Person is null || r.Resource is null)
            {
                rejected.Add(Reject(e, r.Person is null ? "person" : "resource", r.Person is null ? UsageErrors.PersonUnknown : UsageErrors.ResourceUnknown));
                continue;
            }
            ids.Add(e.EventId);
            people.Add(r.Person.Value);
            resources.Add(r.Resource.Value);
            types.Add((short)type);
            at.Add(e.OccurredAt.ToUniversalTime());
            values.Add(value);
            regions.Add(r.Region!);
            schools.Add(r.School ?? "");
        }
        var accepted = 0;
        if (ids.Count > 0)
        {
            await using var command = new NpgsqlCommand(InsertSql, connection);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            command.Parameters.AddWithValue("people", people.ToArray());
            command.Parameters.AddWithValue("resources", resources.ToArray());
            command.Parameters.AddWithValue("types", types.ToArray());
            command.Parameters.AddWithValue("at", at.ToArray());
            command.Parameters.AddWithValue("vals", values.ToArray());
            command.Parameters.AddWithValue("platform", platformId);
            command.Parameters.AddWithValue("regions", regions.ToArray());
            command.Parameters.AddWithValue("schools", schools.ToArray());
            accepted = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new UsageOutcome(accepted, ids.Count - accepted, rejected);
    }

    private sealed record Resolved(long? Person, string? Region, string? School, long? Resource);

    private static async Task<Resolved[]> ResolveAsync(NpgsqlConnection connection, List<(UsageEvent Event, string Person, UsageEventType Type, int Value)> valid,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ResolveSql, connection);
        command.Parameters.AddWithValue("people", valid.Select(v => v.Person).ToArray());
        command.Parameters.AddWithValue("rids", valid.Select(v => (object?)v.Event.Resource.Id?.ToUpperInvariant() ?? DBNull.Value).ToArray())
            .NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters.AddWithValue("providers", valid.Select(v => (object?)v.Event.Resource.PlatformId ?? DBNull.Value).ToArray())
            .NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters.AddWithValue("sources", valid.Select(v => (object?)v.Event.Resource.SourceId ?? DBNull.Value).ToArray())
            .NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters.AddWithValue("today", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
        var result = new Resolved[valid.Count];
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = (int)reader.GetInt64(0) - 1;
            result[i] = new Resolved(reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4));
        }
        return result;
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

    private const string ResolveSql = """
        SELECT i.ord, p.id, p.region_code,
               (SELECT a.organization_code FROM person_affiliations a WHERE a.person_id = p.id AND a.valid_from <= @today
                  AND (a.valid_to IS NULL OR a.valid_to >= @today) ORDER BY a.role, a.organization_code LIMIT 1),
               coalesce(r1.id, r2.id)
        FROM unnest(@people::text[], @rids::text[], @providers::text[], @sources::text[]) WITH ORDINALITY AS i(person, rid, provider, source, ord)
        LEFT JOIN people p ON p.hub_id = i.person
        LEFT JOIN resources r1 ON r1.resource_id = i.rid
        LEFT JOIN resources r2 ON i.rid IS NULL AND r2.provider_id = i.provider AND r2.source_id = i.source
        """;

    // China-time day: occurred_at is stored in UTC; +8 hours then the date (no time zone database needed).
    private const string InsertSql = """
        WITH fresh AS (
            INSERT INTO usage_events (event_id, person_id, resource_id, type, occurred_at, value, platform_id, region_code, school_code)
            SELECT i.event_id, i.person_id, i.resource_id, i.type, i.occurred_at, i.value, @platform, i.region_code, i.school_code
            FROM unnest(@ids::uuid[], @people::bigint[], @resources::bigint[], @types::smallint[], @at::timestamptz[], @vals::int[], @regions::text[], @schools::text[])
                AS i(event_id, person_id, resource_id, type, occurred_at, value, region_code, school_code)
            ORDER BY i.event_id
            ON CONFLICT (event_id) DO NOTHING
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
            SELECT * FROM totals ORDER BY day, resource_id, region_code, school_code
            ON CONFLICT (day, resource_id, region_code, school_code) DO UPDATE SET
                views = d.views + excluded.views, downloads = d.downloads + excluded.downloads, favourites = d.favourites + excluded.favourites,
                ratings = d.ratings + excluded.ratings, rating_sum = d.rating_sum + excluded.rating_sum, completions = d.completions + excluded.completions,
                seconds = d.seconds + excluded.seconds, events = d.events + excluded.events
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM fresh) + 0 * (SELECT count(*) FROM added)
        """;
}
