using System.Text.Json;
using Hub.Adapter.Sources.Postgres;
using Hub.Contracts.V1;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Adapter.Sinks;

/// <summary>
/// Writes the hub's answers into the platform database (layout platform-database.sql): hub ids into people.hub_id
/// (a column outside the change-tracking triggers, so writing it back is not a change), rejections and review cases
/// into hub_record_issues, holds into hub_removal_holds, feed items into hub_feed_items (newest per key).
/// </summary>
public sealed class PostgresSink(IOptions<PostgresSourceOptions> options, TimeProvider clock) : IPlatformSink, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
    private readonly string s = options.Value.Schema;
    private volatile bool ready = !options.Value.CreateLayout;

    /// <inheritdoc />
    public async Task ApplyAnswerAsync(IdentitiesAssigned answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var assigned = answer.Assigned.Where(a => a.Outcome != "removed").ToArray();
        if (answer.Entity == "people" && assigned.Length > 0)
        {
            // Only forward: an older answer arriving late must not overwrite a newer one.
            await ExecuteAsync(connection, transaction,
                $"UPDATE {s}.people p SET hub_id = v.hub_id, hub_version = v.version FROM unnest($1::text[], $2::text[], $3::bigint[]) AS v(key, hub_id, version) " +
                "WHERE p.local_id = v.key AND (p.hub_version IS NULL OR p.hub_version < v.version OR p.hub_id IS DISTINCT FROM v.hub_id AND p.hub_version = v.version)",
                ct, assigned.Select(a => a.Key).ToArray(), assigned.Select(a => a.HubId).ToArray(), assigned.Select(a => a.Version).ToArray()).ConfigureAwait(false);
        }
        // A record the hub now holds has no open issue up to that version.
        await ExecuteAsync(connection, transaction,
            $"DELETE FROM {s}.hub_record_issues i USING unnest($2::text[], $3::bigint[]) AS v(key, version) WHERE i.entity = $1 AND i.key = v.key AND i.version <= v.version",
            ct, answer.Entity, answer.Assigned.Select(a => a.Key).ToArray(), answer.Assigned.Select(a => a.Version).ToArray()).ConfigureAwait(false);
        foreach (var rejection in answer.Rejected)
        {
            await UpsertIssueAsync(connection, transaction, answer, rejection.Key, "rejected", rejection.Version,
                rejection.Code, rejection.Field, rejection.MessageZh, rejection.Message, null, null, ct).ConfigureAwait(false);
        }
        foreach (var conflict in answer.Conflicts)
        {
            var version = answer.Assigned.FirstOrDefault(a => a.Key == conflict.Key)?.Version ?? 0;
            await UpsertIssueAsync(connection, transaction, answer, conflict.Key, "conflict", version,
                null, null, null, conflict.Reason, conflict.HubId, conflict.ReviewCaseId, ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ApplyRemovalsHeldAsync(RemovalsHeld hold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hold);
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"INSERT INTO {s}.hub_removal_holds (hold_id, batch_id, entity, removals, share_of_platform, held_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hold_id) DO NOTHING",
            ct, hold.HoldId, hold.BatchId, hold.Entity, hold.Removals, hold.ShareOfPlatform, hold.HeldAt).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ApplyFeedAsync(string stream, IReadOnlyList<JsonElement> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        var keys = items.Select(i => FeedKey(stream, i)).ToArray();
        var versions = items.Select(i => i.GetProperty("changeVersion").GetInt64()).ToArray();
        var bodies = items.Select(i => i.GetRawText()).ToArray();
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // Newest per key; a page may hold the same key twice, the later one wins (DISTINCT ON keeps the highest version).
        await ExecuteAsync(connection, null,
            $"INSERT INTO {s}.hub_feed_items (stream, key, change_version, body, received_at) " +
            "SELECT DISTINCT ON (key) $1, key, version, body::jsonb, $5 FROM unnest($2::text[], $3::bigint[], $4::text[]) AS v(key, version, body) ORDER BY key, version DESC " +
            "ON CONFLICT (stream, key) DO UPDATE SET change_version = excluded.change_version, body = excluded.body, received_at = excluded.received_at " +
            $"WHERE {s}.hub_feed_items.change_version < excluded.change_version",
            ct, stream, keys, versions, bodies, clock.GetUtcNow()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task EnsureReadyAsync(CancellationToken ct)
    {
        // The hub may answer before the source first read the platform database: the tables must exist either way.
        if (!ready)
        {
            await PlatformDatabase.CreateAsync(dataSource, s, ct).ConfigureAwait(false);
            ready = true;
        }
    }

    /// <summary>The key of a feed item: the hub id of people, the code of organizations, else the change version.</summary>
    internal static string FeedKey(string stream, JsonElement item)
    {
        foreach (var name in (string[])["hubId", "code", "key"])
        {
            if (item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
        }
        // Key changes and other events without an entity key are kept one per change.
        return stream + ":" + item.GetProperty("changeVersion").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task UpsertIssueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IdentitiesAssigned answer, string key, string kind,
        long version, string? code, string? field, string? messageZh, string? message, string? hubId, long? reviewCaseId, CancellationToken ct) =>
        ExecuteAsync(connection, transaction,
            $"INSERT INTO {s}.hub_record_issues (entity, key, kind, version, code, field, message_zh, message, hub_id, review_case_id, batch_id, reported_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (entity, key, kind) DO UPDATE SET version = excluded.version, code = excluded.code, " +
            "field = excluded.field, message_zh = excluded.message_zh, message = excluded.message, hub_id = excluded.hub_id, review_case_id = excluded.review_case_id, " +
            $"batch_id = excluded.batch_id, reported_at = excluded.reported_at WHERE {s}.hub_record_issues.version <= excluded.version",
            ct, answer.Entity, key, kind, version, code, field, messageZh, message, hubId, reviewCaseId, answer.BatchId, answer.AnsweredAt);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown }
                : new NpgsqlParameter { Value = value });
        }
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
