using System.Security.Cryptography;
using Hub.Adapter.Sources.Postgres;
using Npgsql;

namespace Hub.Adapter.Sources.Files;

/// <summary>The outcome of one dropped file.</summary>
/// <param name="File">File name.</param>
/// <param name="Records">Records read from it.</param>
/// <param name="AlreadyApplied">The same content was applied before (a crash between commit and move).</param>
/// <param name="Failure">Why it moved to failed/, or null.</param>
public sealed record DropOutcome(string File, long Records, bool AlreadyApplied, string? Failure);

/// <summary>
/// Applies dropped files. A file is applied in one transaction that also records its SHA-256, and only then moved to
/// done/: after a crash between the commit and the move the file is recognised by its hash and only moved. Each record
/// is applied only when its version is newer than the one applied last for its key, so files dropped twice or out of
/// order converge. Files that cannot be read or violate the layout move to failed/ with a reason file; when the
/// database is down they stay and are tried again.
/// </summary>
public sealed class DropImporter : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly FileDropOptions options;
    private readonly TimeProvider clock;
    private readonly string s;
    private bool ready;

    internal DropImporter(string connectionString, FileDropOptions options, TimeProvider clock)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        this.options = options;
        this.clock = clock;
        s = options.Schema;
    }

    /// <summary>Applies every waiting file, oldest first.</summary>
    public async Task<IReadOnlyList<DropOutcome>> ImportPendingAsync(CancellationToken ct)
    {
        CheckDirectory();
        var files = new DirectoryInfo(options.Directory).EnumerateFiles()
            .Where(f => DropFiles.KindOf(f.Name) is not null)
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var outcomes = new List<DropOutcome>();
        foreach (var file in files)
        {
            outcomes.Add(await ImportAsync(file.FullName, ct).ConfigureAwait(false));
        }
        return outcomes;
    }

    /// <summary>Applies one file and moves it to done/ or failed/.</summary>
    public async Task<DropOutcome> ImportAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        var kind = DropFiles.KindOf(name) ?? throw new ArgumentException($"{name} is not a drop file name.", nameof(path));
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        string hash;
        await using (var stream = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }
        DropOutcome outcome;
        try
        {
            outcome = await ApplyAsync(path, name, kind, hash, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException
            or PostgresException { SqlState: ['2', '2', ..] or ['2', '3', ..] })
        {
            // Data errors (class 22, 23), never the database being down. Messages carry no values (no document numbers).
            var reason = e is PostgresException pg ? pg.MessageText : e.Message;
            Move(path, "failed");
            await File.WriteAllTextAsync(Path.Combine(options.Directory, "failed", name + ".reason.txt"), reason + Environment.NewLine, ct).ConfigureAwait(false);
            return new DropOutcome(name, 0, false, reason);
        }
        Move(path, "done");
        return outcome;
    }

    internal void CheckDirectory()
    {
        if (!Directory.Exists(options.Directory))
        {
            throw new DirectoryNotFoundException($"Drop directory {options.Directory} does not exist.");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task<DropOutcome> ApplyAsync(string path, string name, DropKind kind, string hash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // One importer at a time per schema (replicas may share the directory).
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock(hashtext('hub_file_drop:{s}'))", ct).ConfigureAwait(false);
        await using (var seen = new NpgsqlCommand($"SELECT records FROM {s}.processed_files WHERE sha256 = $1", connection, transaction))
        {
            seen.Parameters.Add(new NpgsqlParameter { Value = hash });
            if (await seen.ExecuteScalarAsync(ct).ConfigureAwait(false) is long records)
            {
                return new DropOutcome(name, records, true, null);
            }
        }
        var count = kind switch
        {
            DropKind.People => await DropSql.ApplyPeopleAsync(connection, transaction, s, DropFiles.ReadAsync(path, DropFiles.Person, ct), ct).ConfigureAwait(false),
            DropKind.Organizations => await DropSql.ApplyOrganizationsAsync(connection, transaction, s, DropFiles.ReadAsync(path, DropFiles.Organization, ct), ct).ConfigureAwait(false),
            DropKind.PeopleRemoved => await DropSql.ApplyRemovalsAsync(connection, transaction, s, "people", DropFiles.ReadAsync(path, DropFiles.Removal, ct), ct).ConfigureAwait(false),
            DropKind.OrganizationsRemoved => await DropSql.ApplyRemovalsAsync(connection, transaction, s, "organizations", DropFiles.ReadAsync(path, DropFiles.Removal, ct), ct).ConfigureAwait(false),
            _ => await DropSql.ApplyKeyChangesAsync(connection, transaction, s, DropFiles.ReadAsync(path, DropFiles.KeyChange, ct), ct).ConfigureAwait(false),
        };
        await using (var log = new NpgsqlCommand(
            $"INSERT INTO {s}.processed_files (sha256, name, records, processed_at) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            log.Parameters.Add(new NpgsqlParameter { Value = hash });
            log.Parameters.Add(new NpgsqlParameter { Value = name });
            log.Parameters.Add(new NpgsqlParameter { Value = count });
            log.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await log.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new DropOutcome(name, count, false, null);
    }

    private void Move(string path, string folder)
    {
        var target = Path.Combine(options.Directory, folder);
        Directory.CreateDirectory(target);
        var destination = Path.Combine(target, Path.GetFileName(path));
        if (File.Exists(destination))
        {
            // The same name dropped again later: keep both.
            destination = Path.Combine(target, $"{Path.GetFileNameWithoutExtension(path)}.{clock.GetUtcNow():yyyyMMddHHmmssfff}{Path.GetExtension(path)}");
        }
        File.Move(path, destination);
    }

    private async Task EnsureReadyAsync(CancellationToken ct)
    {
        if (ready)
        {
            return;
        }
        await PlatformDatabase.CreateAsync(dataSource, s, ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            $"CREATE TABLE IF NOT EXISTS {s}.file_versions (entity text NOT NULL, key text NOT NULL, version bigint NOT NULL, PRIMARY KEY (entity, key));" +
            $"CREATE TABLE IF NOT EXISTS {s}.processed_files (sha256 text PRIMARY KEY, name text NOT NULL, records bigint NOT NULL, processed_at timestamptz NOT NULL);",
            ct).ConfigureAwait(false);
        ready = true;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
