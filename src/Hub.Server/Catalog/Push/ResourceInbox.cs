using System.Data.Common;
using System.Globalization;
using Hub.Server.Apps;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Hub.Server.Space;
using Hub.Server.Space.Messages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hub.Server.Catalog.Push;

/// <summary>One resource in a person's space: the newest push that reached them, the resource, their own state, and whether it is free to them.</summary>
public sealed record ResourceInboxItem(long PushId, string ResourceId, string Title, string Subject, string Stage, string ResourceType,
    string Url, string ProviderName, string OriginLevel, string OriginRegionCode, string PushedByName, string? Note, DateTimeOffset PushedAt,
    string Access, bool Saved, bool Dismissed, int? Rating);

public sealed record ResourceInboxPage(IReadOnlyList<ResourceInboxItem> Items, string? Next);

/// <summary>
/// The resource inbox of a space (资源推送), resolved when read: the pushes whose target matches the person (their region's
/// prefixes, current schools and classes, roles, or them), the newest per resource, joined to resources still approved
/// (a withdrawal anywhere empties it everywhere), minus what they dismissed. The work is a few index scans over the
/// person's own keys and the pushes that match them; it does not depend on how many people a push reached. Access is
/// "free" for free resources, "procured" where a procurement or the licence covers the person's region or school, else "paid".
/// </summary>
public sealed class ResourceInbox(HubDbContext db, AudienceResolver audiences, RegionCatalog regions, TimeProvider clock)
{
    public async Task<ResourceInboxPage> PageAsync(SpacePerson person, string? after, int limit, bool saved, CancellationToken ct)
    {
        var rows = await QueryAsync(person, after, limit + 1, saved, null, ct);
        var next = rows.Count > limit ? Cursor(rows[limit - 1]) : null;
        return new ResourceInboxPage(rows.Count > limit ? rows[..limit] : rows, next);
    }

    /// <summary>The item for one resource when a push of it reaches the person (dismissed or not).</summary>
    public async Task<ResourceInboxItem?> FindAsync(SpacePerson person, string resourceId, CancellationToken ct) =>
        (await QueryAsync(person, null, 1, saved: false, resourceId.ToUpperInvariant(), ct)).FirstOrDefault();

    public static bool IsCursor(string? after) => after is null || Parse(after) is not null;

    private async Task<List<ResourceInboxItem>> QueryAsync(SpacePerson person, string? after, int take, bool saved, string? onlyResource, CancellationToken ct)
    {
        var audience = await audiences.ForAsync(person, ct);
        var covering = AppSelections.CoveringRegions(person.RegionCode, regions).Append("000000").ToArray();
        var cursor = Parse(after);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.AddWithValue("prefixes", audience.RegionPrefixes);
            command.Parameters.AddWithValue("roles", audience.Roles);
            command.Parameters.AddWithValue("schools", audience.OwnSchools);
            command.Parameters.AddWithValue("classes", audience.OwnClasses);
            command.Parameters.AddWithValue("person", person.Id);
            command.Parameters.AddWithValue("covering", covering);
            command.Parameters.AddWithValue("today", DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime));
            command.Parameters.AddWithValue("saved", saved);
            command.Parameters.AddWithValue("only", (object?)onlyResource ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
            command.Parameters.AddWithValue("after_at", (object?)cursor?.At ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            command.Parameters.AddWithValue("after_id", cursor?.Id ?? 0L);
            command.Parameters.AddWithValue("take", take);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var items = new List<ResourceInboxItem>();
            while (await reader.ReadAsync(ct))
            {
                items.Add(Read(reader));
            }
            return items;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static ResourceInboxItem Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8),
        r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), r.GetFieldValue<DateTimeOffset>(12), r.GetString(13),
        !r.IsDBNull(14), !r.IsDBNull(15), r.IsDBNull(16) ? null : r.GetInt16(16));

    private static string Cursor(ResourceInboxItem item) => string.Create(CultureInfo.InvariantCulture, $"{item.PushedAt.UtcTicks}.{item.PushId}");

    private static (DateTimeOffset At, long Id)? Parse(string? value)
    {
        var parts = value?.Split('.');
        return parts is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is > 0 and < 3155378975999999999
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? (new DateTimeOffset(t, TimeSpan.Zero), i) : null;
    }

    // The newest push per resource is ordered by time before the joins, so the resource, state and access lookups run
    // for the page only (a nested loop under the limit), not for every push that reaches the person.
    private const string Sql = """
        WITH matched AS (
            SELECT DISTINCT ON (p.resource_id) p.id, p.resource_id, p.pushed_at, p.pushed_by_name, p.note
            FROM resource_pushes p
            WHERE p.withdrawn_at IS NULL AND (cardinality(p.roles) = 0 OR p.roles && @roles) AND (
                   (p.target_kind = 0 AND p.region_prefix = ANY(@prefixes))
                OR (p.target_kind = 1 AND p.school_code = ANY(@schools))
                OR (p.target_kind = 2 AND p.school_code = ANY(@schools) AND p.school_code || '/' || p.class_code = ANY(@classes))
                OR (p.target_kind = 3 AND p.person_id = @person))
            ORDER BY p.resource_id, p.pushed_at DESC, p.id DESC
        )
        SELECT m.id, r.resource_id, r.title, r.subject, r.stage, r.resource_type, r.location_url, r.provider_name, r.origin_level, r.origin_region_code,
               m.pushed_by_name, m.note, m.pushed_at,
               CASE WHEN r.licence_kind = 'free' THEN 'free'
                    WHEN (r.licence_kind = 'procured' AND r.licence_region_code = ANY(@covering)) OR EXISTS (
                        SELECT 1 FROM resource_procurements rp WHERE rp.resource_id = r.id AND @today BETWEEN rp.valid_from AND rp.valid_to
                        AND ((rp.school_code IS NULL AND rp.region_code = ANY(@covering)) OR rp.school_code = ANY(@schools))) THEN 'procured'
                    ELSE 'paid' END,
               s.saved_at, s.dismissed_at, s.rating
        FROM (SELECT * FROM matched
              WHERE @only::text IS NOT NULL OR @after_at::timestamptz IS NULL OR (pushed_at, id) < (@after_at, @after_id)
              ORDER BY pushed_at DESC, id DESC) m
        JOIN resources r ON r.id = m.resource_id AND r.status = 1
        LEFT JOIN resource_space_states s ON s.person_id = @person AND s.resource_id = r.id
        WHERE (@only::text IS NOT NULL AND r.resource_id = @only)
           OR (@only::text IS NULL AND (NOT @saved OR s.saved_at IS NOT NULL) AND (@saved OR s.dismissed_at IS NULL))
        ORDER BY m.pushed_at DESC, m.id DESC
        LIMIT @take
        """;
}
