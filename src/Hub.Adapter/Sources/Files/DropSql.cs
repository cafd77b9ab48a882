using System.Text.Json;
using Hub.Adapter.Store;
using Hub.Contracts.V1;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Adapter.Sources.Files;

/// <summary>
/// Set-based application of a dropped file: the records are copied (binary COPY, streamed) into temporary tables,
/// then applied where newer than the last applied version of their key (<c>file_versions</c>). The platform layout's
/// triggers stamp the row versions that the adapter then sends.
/// </summary>
internal static class DropSql
{
    public static async Task<long> ApplyPeopleAsync(NpgsqlConnection c, NpgsqlTransaction t, string s, IAsyncEnumerable<PersonChange> people, CancellationToken ct)
    {
        await DropImporter.ExecuteAsync(c, t,
            "CREATE TEMP TABLE incoming_people (local_id text, version bigint, name text, document_type smallint, document_number text, student_number text, " +
            "roles smallint[], region_code text, gender smallint, birth_date date, affiliations jsonb) ON COMMIT DROP;", ct).ConfigureAwait(false);
        var count = 0L;
        await using (var writer = await c.BeginBinaryImportAsync("COPY incoming_people FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            await foreach (var p in people.ConfigureAwait(false))
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(p.LocalId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(p.Version, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.Name, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.Document is null ? null : (short?)p.Document.Type, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.Document?.Number, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.StudentNumber, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync((p.Roles ?? []).Select(r => (short)r).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.RegionCode, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync((short)(p.Gender ?? 0), NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await WriteAsync(writer, p.BirthDate, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                // Affiliations ride along as JSON (one COPY per connection at a time, and no list held in memory).
                await writer.WriteAsync(JsonSerializer.Serialize(p.Affiliations ?? [], AdapterTransaction.Json), NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
                count++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        await DropImporter.ExecuteAsync(c, t, Gate(s, "people", "incoming_people", "local_id") + $"""
            CREATE TEMP TABLE chosen ON COMMIT DROP AS
            SELECT DISTINCT ON (i.local_id) i.* FROM incoming_people i JOIN applied a ON a.key = i.local_id ORDER BY i.local_id, i.version DESC;
            INSERT INTO {s}.people (local_id, name, document_type, document_number, student_number, roles, region_code, gender, birth_date)
            SELECT local_id, name, document_type, document_number, student_number, roles, region_code, gender, birth_date FROM chosen
            ON CONFLICT (local_id) DO UPDATE SET name = excluded.name, document_type = excluded.document_type, document_number = excluded.document_number,
                student_number = excluded.student_number, roles = excluded.roles, region_code = excluded.region_code, gender = excluded.gender,
                birth_date = excluded.birth_date;
            DELETE FROM {s}.person_affiliations f USING chosen x WHERE f.local_id = x.local_id;
            INSERT INTO {s}.person_affiliations (local_id, organization_code, role, valid_from)
            SELECT DISTINCT ON (x.local_id, a."organizationCode", a.role) x.local_id, a."organizationCode", a.role, a."validFrom"
            FROM chosen x, jsonb_to_recordset(x.affiliations) AS a("organizationCode" text, role smallint, "validFrom" date)
            ORDER BY x.local_id, a."organizationCode", a.role;
            """, ct).ConfigureAwait(false);
        return count;
    }

    public static async Task<long> ApplyOrganizationsAsync(NpgsqlConnection c, NpgsqlTransaction t, string s, IAsyncEnumerable<OrganizationChange> organizations, CancellationToken ct)
    {
        await DropImporter.ExecuteAsync(c, t,
            "CREATE TEMP TABLE incoming_organizations (code text, version bigint, name text, school_type text, region_code text, bandwidth text, class_count int, " +
            "multimedia_class_count int, mobile_terminal_class_count int, teacher_count int, student_count int) ON COMMIT DROP;", ct).ConfigureAwait(false);
        var count = 0L;
        await using (var writer = await c.BeginBinaryImportAsync("COPY incoming_organizations FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            await foreach (var o in organizations.ConfigureAwait(false))
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(o.Code, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(o.Version, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                foreach (var text in (string?[])[o.Name, o.SchoolType, o.RegionCode, o.Bandwidth])
                {
                    await WriteAsync(writer, text, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                }
                foreach (var number in (int?[])[o.ClassCount, o.MultimediaClassCount, o.MobileTerminalClassCount, o.TeacherCount, o.StudentCount])
                {
                    await WriteAsync(writer, number, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                }
                count++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        await DropImporter.ExecuteAsync(c, t, Gate(s, "organizations", "incoming_organizations", "code") + $"""
            INSERT INTO {s}.organizations (code, name, school_type, region_code, bandwidth, class_count, multimedia_class_count, mobile_terminal_class_count, teacher_count, student_count)
            SELECT DISTINCT ON (i.code) i.code, i.name, i.school_type, i.region_code, i.bandwidth, i.class_count, i.multimedia_class_count,
                   i.mobile_terminal_class_count, i.teacher_count, i.student_count
            FROM incoming_organizations i JOIN applied a ON a.key = i.code ORDER BY i.code, i.version DESC
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, school_type = excluded.school_type, region_code = excluded.region_code,
                bandwidth = excluded.bandwidth, class_count = excluded.class_count, multimedia_class_count = excluded.multimedia_class_count,
                mobile_terminal_class_count = excluded.mobile_terminal_class_count, teacher_count = excluded.teacher_count, student_count = excluded.student_count;
            """, ct).ConfigureAwait(false);
        return count;
    }

    public static async Task<long> ApplyRemovalsAsync(NpgsqlConnection c, NpgsqlTransaction t, string s, string entity, IAsyncEnumerable<EntityRemoval> removals, CancellationToken ct)
    {
        await DropImporter.ExecuteAsync(c, t, "CREATE TEMP TABLE incoming_removals (key text, version bigint) ON COMMIT DROP;", ct).ConfigureAwait(false);
        var count = 0L;
        await using (var writer = await c.BeginBinaryImportAsync("COPY incoming_removals FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            await foreach (var r in removals.ConfigureAwait(false))
            {
                await writer.WriteRowAsync(ct, r.Key, r.Version).ConfigureAwait(false);
                count++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        var (table, key) = entity == "people" ? ("people", "local_id") : ("organizations", "code");
        await DropImporter.ExecuteAsync(c, t, Gate(s, entity, "incoming_removals", "key") +
            $"DELETE FROM {s}.{table} x USING applied a WHERE x.{key} = a.key;", ct).ConfigureAwait(false);
        return count;
    }

    public static async Task<long> ApplyKeyChangesAsync(NpgsqlConnection c, NpgsqlTransaction t, string s, IAsyncEnumerable<LocalKeyChange> changes, CancellationToken ct)
    {
        await DropImporter.ExecuteAsync(c, t, "CREATE TEMP TABLE incoming_keys (old_local_id text, new_local_id text, version bigint) ON COMMIT DROP;", ct).ConfigureAwait(false);
        var count = 0L;
        await using (var writer = await c.BeginBinaryImportAsync("COPY incoming_keys FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            await foreach (var k in changes.ConfigureAwait(false))
            {
                await writer.WriteRowAsync(ct, k.OldLocalId, k.NewLocalId, k.Version).ConfigureAwait(false);
                count++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        // Applied in version order; a new key already taken is left alone (the platform must resolve that first).
        await DropImporter.ExecuteAsync(c, t, $"""
            DO $$
            DECLARE k record;
            BEGIN
                FOR k IN SELECT * FROM incoming_keys ORDER BY version LOOP
                    UPDATE {s}.people SET local_id = k.new_local_id
                    WHERE local_id = k.old_local_id AND NOT EXISTS (SELECT 1 FROM {s}.people WHERE local_id = k.new_local_id);
                    IF FOUND THEN
                        INSERT INTO {s}.file_versions (entity, key, version) VALUES ('people', k.new_local_id, k.version)
                        ON CONFLICT (entity, key) DO UPDATE SET version = greatest({s}.file_versions.version, excluded.version);
                    END IF;
                END LOOP;
            END $$;
            """, ct).ConfigureAwait(false);
        return count;
    }

    /// <summary>Fills the temporary table <c>applied</c> with the keys whose version in the file is newer than the last applied.</summary>
    private static string Gate(string s, string entity, string incoming, string key) => $"""
        CREATE TEMP TABLE applied (key text PRIMARY KEY) ON COMMIT DROP;
        WITH latest AS (SELECT DISTINCT ON ({key}) {key} AS key, version FROM {incoming} ORDER BY {key}, version DESC),
        gated AS (
            INSERT INTO {s}.file_versions (entity, key, version) SELECT '{entity}', key, version FROM latest
            ON CONFLICT (entity, key) DO UPDATE SET version = excluded.version WHERE {s}.file_versions.version < excluded.version
            RETURNING key)
        INSERT INTO applied SELECT key FROM gated;
        """;

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
