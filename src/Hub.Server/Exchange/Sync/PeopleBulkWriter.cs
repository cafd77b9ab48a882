using Hub.Contracts.V1;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// The set-based statements of <see cref="PeopleSync"/>: arrays in, one round trip each, inside the caller's transaction.
/// EF Core would send one statement per row; at a thousand people per batch that is the difference between the
/// benchmark's target and a tenth of it.
/// </summary>
public sealed class PeopleBulkWriter(HubDbContext db)
{
    /// <summary>A link, or (PersonId null) a removal that arrived before the person.</summary>
    public readonly record struct LinkRow(long? PersonId, long SourceVersion, bool Removed);

    public async Task<Dictionary<string, LinkRow>> LoadLinksAsync(string platformId, string[] localIds, CancellationToken ct)
    {
        var links = new Dictionary<string, LinkRow>(StringComparer.Ordinal);
        if (localIds.Length == 0)
        {
            return links;
        }
        await using var command = await CommandAsync(
            """
            SELECT local_id, person_id, source_version, removed_at IS NOT NULL FROM person_links WHERE platform_id = $1 AND local_id = ANY($2)
            UNION ALL
            SELECT key, NULL, version, TRUE FROM removed_keys WHERE platform_id = $1 AND entity = 'people' AND key = ANY($2)
            """, ct);
        command.Parameters.Add(new NpgsqlParameter { Value = platformId });
        command.Parameters.Add(new NpgsqlParameter { Value = localIds });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new LinkRow(reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3));
            // A link and an early removal of the same key: the newer version speaks.
            if (!links.TryGetValue(reader.GetString(0), out var other) || other.SourceVersion < row.SourceVersion)
            {
                links[reader.GetString(0)] = row.PersonId is null && other.PersonId is not null ? row with { PersonId = other.PersonId } : row;
            }
        }
        return links;
    }

    /// <summary>
    /// Inserts new people and sets their ids. A plain INSERT: the batch looked the documents up first, so only another
    /// batch registering the same person at the same moment can collide, and its unique violation sends the whole batch
    /// round again (SyncUnitOfWork), which then finds that person. ON CONFLICT would probe every unique index of every
    /// row a second time to guard against that rare race (a third of the statement's cost, bench/sync).
    /// </summary>
    public async Task InsertPeopleAsync(List<Person> people, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return;
        }
        await using var command = await CommandAsync("""
            INSERT INTO people (hub_id, name, document_type, document_index, document_key_id, document_ciphertext, document_masked,
                student_number_kind, student_number_index, student_number_key_id, student_number_ciphertext, student_number_masked,
                gender, birth_date, roles, region_code, status, verification_level, created_at, updated_at)
            SELECT h, n, dt, di, dk, dc, dm, sk::character(1), si, skid, sc, sm, g, b, r::smallint[], rc, 0, 0, $17, $17
            FROM unnest($1::varchar[], $2::varchar[], $3::smallint[], $4::bytea[], $5::varchar[], $6::bytea[], $7::varchar[],
                $8::text[], $9::bytea[], $10::varchar[], $11::bytea[], $12::varchar[], $13::smallint[], $14::date[], $15::text[], $16::varchar[])
                AS t(h, n, dt, di, dk, dc, dm, sk, si, skid, sc, sm, g, b, r, rc)
            RETURNING id, hub_id
            """, ct);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.HubId).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.Name).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => (short?)x.DocumentType).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.DocumentIndex).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.DocumentKeyId).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.DocumentCiphertext).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.DocumentMasked).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.StudentNumberKind?.ToString()).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.StudentNumberIndex).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.StudentNumberKeyId).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.StudentNumberCiphertext).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.StudentNumberMasked).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => (short)x.Gender).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.BirthDate).ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => "{" + string.Join(',', x.Roles) + "}").ToArray() });
        p.Add(new NpgsqlParameter { Value = people.Select(x => x.RegionCode).ToArray() });
        p.Add(new NpgsqlParameter { Value = people[0].CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var byHubId = people.ToDictionary(x => x.HubId, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            byHubId[reader.GetString(1)].Id = reader.GetInt64(0);
        }
    }

    /// <summary>
    /// Creates or moves links where the version is newer (or the link is new); returns the local ids written. Keys the
    /// batch found unlinked (<paramref name="known"/>, read under the batch's key locks) are inserted plainly: only a
    /// registration through the API racing this batch could add one meanwhile, and its unique violation sends the batch
    /// round again (SyncUnitOfWork). ON CONFLICT would probe the key's index twice per row for that rare case.
    /// </summary>
    public async Task<HashSet<string>> UpsertLinksAsync(string platformId, List<(string LocalId, long PersonId, long Version)> rows,
        IReadOnlyDictionary<string, LinkRow> known, DateTimeOffset now, CancellationToken ct)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        // A known key without a person is only an early removal (removed_keys): it has no link row yet.
        var linked = rows.ToLookup(r => known.TryGetValue(r.LocalId, out var link) && link.PersonId is not null);
        const string Insert = """
            INSERT INTO person_links (platform_id, local_id, person_id, created_at, source_version, removed_at)
            SELECT $1, l, pid, $5, v, NULL FROM unnest($2::varchar[], $3::bigint[], $4::bigint[]) AS t(l, pid, v)

            """;
        await WriteLinksAsync(Insert + "RETURNING local_id", platformId, [.. linked[false]], now, written, ct);
        await WriteLinksAsync(Insert + """
            ON CONFLICT (platform_id, local_id) DO UPDATE
                SET person_id = excluded.person_id, source_version = excluded.source_version, removed_at = NULL
                WHERE person_links.source_version < excluded.source_version
            RETURNING local_id
            """, platformId, [.. linked[true]], now, written, ct);
        return written;
    }

    private async Task WriteLinksAsync(string sql, string platformId, List<(string LocalId, long PersonId, long Version)> rows,
        DateTimeOffset now, HashSet<string> written, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = await CommandAsync(sql, ct);
        command.Parameters.Add(new NpgsqlParameter { Value = platformId });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.LocalId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.PersonId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            written.Add(reader.GetString(0));
        }
    }

    /// <summary>Adds memberships the registry does not hold yet (open-ended, same organization and role); never ends one.
    /// The open memberships are read by person first: with a batch's estimates the planner otherwise probed the
    /// (organization, role) index, and a school's every member, once per row.</summary>
    public async Task AddAffiliationsAsync(List<(long PersonId, PersonChange Change)> rows, IReadOnlySet<long> created, CancellationToken ct)
    {
        var byNewPerson = rows.SelectMany(r => (r.Change.Affiliations ?? []).Where(a => a is not null && !string.IsNullOrWhiteSpace(a.OrganizationCode))
            .Select(a => (r.PersonId, Code: a.OrganizationCode.Trim(), Role: (short)a.Role,
                From: a.ValidFrom ?? DateOnly.FromDateTime(r.Change.ChangedAt.UtcDateTime)))).ToLookup(f => created.Contains(f.PersonId));
        // People this batch created have no memberships yet: theirs are inserted plainly (no other transaction can
        // write memberships of a person it cannot see), only the others' are compared with the open ones.
        await InsertAffiliationsAsync("""
            INSERT INTO person_affiliations (person_id, organization_code, role, valid_from)
            SELECT DISTINCT ON (pid, code, role) pid, code, role, vf FROM unnest($1::bigint[], $2::varchar[], $3::smallint[], $4::date[]) AS t(pid, code, role, vf)
            WHERE length(code) <= 32
            """, [.. byNewPerson[true]], withOthers: false, ct);
        await InsertAffiliationsAsync("""
            WITH existing AS MATERIALIZED (
                SELECT person_id, organization_code, role FROM person_affiliations WHERE person_id = ANY($5) AND valid_to IS NULL)
            INSERT INTO person_affiliations (person_id, organization_code, role, valid_from)
            SELECT DISTINCT ON (pid, code, role) pid, code, role, vf FROM unnest($1::bigint[], $2::varchar[], $3::smallint[], $4::date[]) AS t(pid, code, role, vf)
            WHERE length(code) <= 32 AND NOT EXISTS (SELECT 1 FROM existing a WHERE a.person_id = t.pid AND a.organization_code = t.code AND a.role = t.role)
            ON CONFLICT DO NOTHING
            """, [.. byNewPerson[false]], withOthers: true, ct);
    }

    private async Task InsertAffiliationsAsync(string sql, List<(long PersonId, string Code, short Role, DateOnly From)> rows, bool withOthers, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = await CommandAsync(sql, ct);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(f => f.PersonId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(f => f.Code).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(f => f.Role).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(f => f.From).ToArray() });
        if (withOthers)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(f => f.PersonId).Distinct().ToArray() });
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<Dictionary<long, string>> HubIdsAsync(List<long> personIds, CancellationToken ct) =>
        personIds.Count == 0 ? [] : await db.Set<Person>().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.HubId, ct);

    /// <summary>A command on the context's connection, inside its current transaction.</summary>
    internal async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        return new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
