using System.Reflection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Adapter.Store;

/// <summary>
/// The adapter's own PostgreSQL store: outbox, inbox and cursors in one schema. Every change the adapter makes to it
/// goes through an <see cref="AdapterTransaction"/>, so a message, the cursor that produced it and the inbox mark of
/// the request that asked for it commit together or not at all.
/// </summary>
public sealed class AdapterStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    /// <summary>Creates the store over the configured connection string.</summary>
    public AdapterStore(IOptions<AdapterStoreOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        Schema = options.Value.Schema;
        this.clock = clock;
        dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
    }

    /// <summary>The schema holding the store's tables (a validated SQL identifier).</summary>
    public string Schema { get; }

    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>Messages this process committed lately, for the relay (see <see cref="OutboxMemo"/>).</summary>
    internal OutboxMemo Memo { get; } = new();

    /// <summary>Creates the schema and tables when missing; safe to call from several processes at once.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // CREATE … IF NOT EXISTS still races on the catalog when two starts run it together.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('hub_adapter_store:' || $1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = Schema });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using (var create = new NpgsqlCommand(ReadResource("Hub.Adapter.store.sql").Replace("{schema}", Schema, StringComparison.Ordinal), connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the store once per process; callers retry on failure (the database may be down at start), so the
    /// adapter starts and reports unready instead of exiting.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken ct = default)
    {
        if (created)
        {
            return;
        }
        await creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!created)
            {
                await EnsureCreatedAsync(ct).ConfigureAwait(false);
                created = true;
            }
        }
        finally
        {
            creating.Release();
        }
    }

    /// <summary>Starts a unit of work on a connection of the store.</summary>
    public async Task<AdapterTransaction> BeginAsync(CancellationToken ct = default)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            return new AdapterTransaction(Schema, transaction, clock, ownsConnection: true, Memo);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Joins a transaction the platform opened itself on the database that holds the store, so that the platform's
    /// own change and the message announcing it commit together. The caller commits and disposes its transaction.
    /// </summary>
    public AdapterTransaction Join(NpgsqlTransaction transaction) => new(Schema, transaction, clock, ownsConnection: false);

    /// <summary>The value of a cursor, or null when it was never set.</summary>
    public async Task<string?> GetCursorAsync(string name, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT value FROM {Schema}.cursors WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>Cursors whose names start with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetCursorsAsync(string prefix, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT name, value FROM {Schema}.cursors WHERE starts_with(name, $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = prefix });
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }
        return result;
    }

    /// <summary>Messages committed but not yet confirmed by the broker.</summary>
    public async Task<long> CountPendingAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Schema}.outbox WHERE published_at IS NULL");
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Checks that the store answers and its tables exist (readiness).</summary>
    public async Task CheckAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT 1 FROM {Schema}.cursors LIMIT 1");
        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        creating.Dispose();
        return dataSource.DisposeAsync();
    }

    internal static string ReadResource(string name)
    {
        using var stream = typeof(AdapterStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
