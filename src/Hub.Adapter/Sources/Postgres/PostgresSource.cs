using System.Runtime.CompilerServices;
using Hub.Contracts.V1;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Adapter.Sources.Postgres;

/// <summary>
/// Reads a platform database laid out as platform-database.sql. Change reads follow a cursor over
/// (change_xid, version) and stop below the oldest running transaction, so out-of-order commits are never skipped.
/// </summary>
public sealed class PostgresSource : IPlatformSource, IAsyncDisposable
{
    private const string PersonColumns =
        "local_id, version, changed_at, name, document_type, document_number, student_number, roles, region_code, gender, birth_date";
    private const string OrganizationColumns =
        "code, version, changed_at, name, school_type, region_code, bandwidth, class_count, multimedia_class_count, mobile_terminal_class_count, teacher_count, student_count";
    private const string Horizon = "(SELECT pg_snapshot_xmin(pg_current_snapshot()))";

    private readonly NpgsqlDataSource dataSource;
    private readonly string s;
    private readonly bool createLayout;
    private volatile bool ready;

    /// <summary>Creates the source over the configured platform database.</summary>
    public PostgresSource(IOptions<PostgresSourceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        s = options.Value.Schema;
        createLayout = options.Value.CreateLayout;
    }

    /// <inheritdoc />
    public async Task<ChangePage<PersonChange>> ReadPeopleChangesAsync(string? cursor, int limit, CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        var (xid, version) = XidCursor.Parse(cursor);
        var rows = new List<(PersonChange Person, string Xid)>();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            $"SELECT {PersonColumns}, change_xid::text AS xid_text FROM {s}.people WHERE change_xid < {Horizon} AND (change_xid, version) > ($1::text::xid8, $2) ORDER BY change_xid, version LIMIT $3",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = xid });
            command.Parameters.Add(new NpgsqlParameter { Value = version });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add((Records.Person(reader, null), reader.GetString(11)));
            }
        }
        var people = await WithAffiliationsAsync(connection, rows.Select(r => r.Person).ToList(), ct).ConfigureAwait(false);
        return Page(people, rows.Count == 0 ? null : XidCursor.Format(rows[^1].Xid, rows[^1].Person.Version), p => p.Version);
    }

    /// <inheritdoc />
    public async Task<ChangePage<OrganizationChange>> ReadOrganizationChangesAsync(string? cursor, int limit, CancellationToken ct)
    {
        var (xid, version) = XidCursor.Parse(cursor);
        var rows = await QueryAsync(
            $"SELECT {OrganizationColumns}, change_xid::text AS xid_text FROM {s}.organizations WHERE change_xid < {Horizon} AND (change_xid, version) > ($1::text::xid8, $2) ORDER BY change_xid, version LIMIT $3",
            [xid, version, limit], r => (Org: Records.Organization(r), Xid: r.GetString(12)), ct).ConfigureAwait(false);
        return Page(rows.Select(r => r.Org).ToList(), rows.Count == 0 ? null : XidCursor.Format(rows[^1].Xid, rows[^1].Org.Version), o => o.Version);
    }

    /// <inheritdoc />
    public async Task<ChangePage<EntityRemoval>> ReadRemovalsAsync(SourceEntity entity, string? cursor, int limit, CancellationToken ct)
    {
        var (xid, version) = XidCursor.Parse(cursor);
        var rows = await QueryAsync(
            $"SELECT key, version, removed_at, change_xid::text AS xid_text FROM {s}.tombstones WHERE entity = $4 AND change_xid < {Horizon} AND (change_xid, version) > ($1::text::xid8, $2) ORDER BY change_xid, version LIMIT $3",
            [xid, version, limit, EntityName(entity)],
            r => (Removal: new EntityRemoval(r.GetString(0), r.GetInt64(1), r.GetFieldValue<DateTimeOffset>(2)), Xid: r.GetString(3)), ct).ConfigureAwait(false);
        return Page(rows.Select(r => r.Removal).ToList(), rows.Count == 0 ? null : XidCursor.Format(rows[^1].Xid, rows[^1].Removal.Version), r => r.Version);
    }

    /// <inheritdoc />
    public async Task<ChangePage<LocalKeyChange>> ReadKeyChangesAsync(string? cursor, int limit, CancellationToken ct)
    {
        var (xid, version) = XidCursor.Parse(cursor);
        var rows = await QueryAsync(
            $"SELECT old_local_id, new_local_id, version, changed_at, change_xid::text AS xid_text FROM {s}.key_changes WHERE change_xid < {Horizon} AND (change_xid, version) > ($1::text::xid8, $2) ORDER BY change_xid, version LIMIT $3",
            [xid, version, limit],
            r => (Change: new LocalKeyChange(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3)), Xid: r.GetString(4)), ct).ConfigureAwait(false);
        return Page(rows.Select(r => r.Change).ToList(), rows.Count == 0 ? null : XidCursor.Format(rows[^1].Xid, rows[^1].Change.Version), c => c.Version);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonChange>> ReadPeopleAsync(string? afterKey, int limit, CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var people = new List<PersonChange>();
        await using (var command = new NpgsqlCommand(
            $"SELECT {PersonColumns} FROM {s}.people WHERE $1::text IS NULL OR local_id > $1 ORDER BY local_id LIMIT $2", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                people.Add(Records.Person(reader, null));
            }
        }
        return await WithAffiliationsAsync(connection, people, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsAsync(string? afterKey, int limit, CancellationToken ct) =>
        QueryListAsync($"SELECT {OrganizationColumns} FROM {s}.organizations WHERE $1::text IS NULL OR code > $1 ORDER BY code LIMIT $2",
            [(object?)afterKey ?? DBNull.Value, limit], Records.Organization, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonChange>> ReadPeopleByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var people = new List<PersonChange>();
        await using (var command = new NpgsqlCommand($"SELECT {PersonColumns} FROM {s}.people WHERE local_id = ANY($1) ORDER BY local_id", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                people.Add(Records.Person(reader, null));
            }
        }
        return await WithAffiliationsAsync(connection, people, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        QueryListAsync($"SELECT {OrganizationColumns} FROM {s}.organizations WHERE code = ANY($1) ORDER BY code", [keys.ToArray()], Records.Organization, ct);

    /// <inheritdoc />
    public async IAsyncEnumerable<KeyVersion> ReadKeyVersionsAsync(
        SourceEntity entity, IReadOnlyCollection<string> md5Prefixes, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(md5Prefixes);
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        var (table, key) = entity == SourceEntity.People ? ("people", "local_id") : ("organizations", "code");
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {key}, version FROM {s}.{table} WHERE cardinality($1::text[]) = 0 OR md5({key}) LIKE ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = md5Prefixes.Select(p => p + "%").ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return new KeyVersion(reader.GetString(0), reader.GetInt64(1));
        }
    }

    /// <inheritdoc />
    public async Task<SourceCounts> CountAsync(SourceEntity entity, CancellationToken ct)
    {
        var table = entity == SourceEntity.People ? "people" : "organizations";
        var rows = await QueryAsync($"SELECT region_code, count(*) FROM {s}.{table} GROUP BY region_code", [],
            r => (Region: r.GetString(0), Count: r.GetInt64(1)), ct).ConfigureAwait(false);
        return new SourceCounts(rows.Sum(r => r.Count), rows.ToDictionary(r => r.Region, r => r.Count, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public async Task CheckAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand($"SELECT 1 FROM {s}.people LIMIT 1");
        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    internal static string EntityName(SourceEntity entity) => entity == SourceEntity.People ? "people" : "organizations";

    private async Task EnsureReadyAsync(CancellationToken ct)
    {
        if (!ready)
        {
            if (createLayout)
            {
                await PlatformDatabase.CreateAsync(dataSource, s, ct).ConfigureAwait(false);
            }
            ready = true;
        }
    }

    private async Task<IReadOnlyList<PersonChange>> WithAffiliationsAsync(NpgsqlConnection connection, List<PersonChange> people, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return people;
        }
        var byPerson = new Dictionary<string, List<PersonAffiliationRecord>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            $"SELECT local_id, organization_code, role, valid_from FROM {s}.person_affiliations WHERE local_id = ANY($1) ORDER BY local_id, organization_code, role",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = people.Select(p => p.LocalId).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                if (!byPerson.TryGetValue(id, out var list))
                {
                    byPerson[id] = list = [];
                }
                list.Add(new PersonAffiliationRecord(reader.GetString(1), reader.GetInt16(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)));
            }
        }
        return people.Select(p => p with { Affiliations = byPerson.TryGetValue(p.LocalId, out var list) ? list : [] }).ToList();
    }

    private async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
        await QueryAsync(sql, parameters, map, ct).ConfigureAwait(false);

    private async Task<List<T>> QueryAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value == DBNull.Value
                ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = value });
        }
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(map(reader));
        }
        return result;
    }

    private static ChangePage<T> Page<T>(IReadOnlyList<T> items, string? next, Func<T, long> version) =>
        new(items, next, items.Count == 0 ? 0 : items.Max(version));
}
