using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Adapter.Store;

/// <summary>
/// One unit of work in the adapter's store: outbox rows, cursor moves and inbox marks that commit together.
/// <see cref="Connection"/> and <see cref="Transaction"/> let a platform write its own tables in the same transaction.
/// </summary>
public sealed class AdapterTransaction : IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string schema;
    private readonly TimeProvider clock;
    private readonly bool ownsConnection;
    private readonly OutboxMemo? memo;
    private readonly List<(Guid Id, Type Type, object Message)> enqueued = [];

    internal AdapterTransaction(string schema, NpgsqlTransaction transaction, TimeProvider clock, bool ownsConnection, OutboxMemo? memo = null)
    {
        this.schema = schema;
        this.clock = clock;
        this.ownsConnection = ownsConnection;
        this.memo = memo;
        Transaction = transaction;
        Connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
    }

    /// <summary>The connection of the unit of work.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The database transaction of the unit of work.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Messages added in this unit of work.</summary>
    public int Enqueued { get; private set; }

    /// <summary>
    /// Adds <paramref name="message"/> (a Hub.Contracts record) to the outbox; the relay sends it after the commit,
    /// with the returned id as its message id.
    /// </summary>
    public async Task<Guid> EnqueueAsync<T>(T message, CancellationToken ct = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ContractTypes.IsContract(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T)} is not a Hub.Contracts message.", nameof(message));
        }
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using var command = Command(
            $"INSERT INTO {schema}.outbox (message_id, contract_type, body, created_at, available_at) VALUES ($1, $2, $3, $4, $4)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = typeof(T).FullName! });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(message, Json), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        Enqueued++;
        enqueued.Add((id, typeof(T), message));
        return id;
    }

    /// <summary>
    /// Lets this transaction commit without waiting for its WAL flush (<c>synchronous_commit = off</c>). Only for units
    /// whose loss in a database crash is harmless because they are redone from elsewhere (source batches: the message and
    /// the cursor are lost together and read again from the source).
    /// </summary>
    public async Task RelaxDurabilityAsync(CancellationToken ct = default)
    {
        await using var command = Command("SET LOCAL synchronous_commit = off");
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets a cursor to <paramref name="value"/>.</summary>
    public async Task SetCursorAsync(string name, string value, CancellationToken ct = default)
    {
        await using var command = Command(
            $"INSERT INTO {schema}.cursors (name, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets a numeric cursor to <paramref name="value"/> unless it already holds a higher number.</summary>
    public async Task RaiseCursorAsync(string name, long value, CancellationToken ct = default)
    {
        await using var command = Command(
            $"INSERT INTO {schema}.cursors (name, value, updated_at) VALUES ($1, $2::bigint::text, $3) ON CONFLICT (name) DO UPDATE " +
            $"SET value = greatest({schema}.cursors.value::bigint, excluded.value::bigint)::text, updated_at = excluded.updated_at");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads a cursor and locks it until the end of the unit of work (null when absent).</summary>
    public async Task<string?> LockCursorAsync(string name, CancellationToken ct = default)
    {
        await using var command = Command($"SELECT value FROM {schema}.cursors WHERE name = $1 FOR UPDATE");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>Removes a cursor.</summary>
    public async Task DeleteCursorAsync(string name, CancellationToken ct = default)
    {
        await using var command = Command($"DELETE FROM {schema}.cursors WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> applies <paramref name="messageId"/> now. False when it already did:
    /// the caller skips the effects. A rollback forgets the mark together with the effects.
    /// </summary>
    public async Task<bool> TryMarkProcessedAsync(string consumer, Guid messageId, CancellationToken ct = default)
    {
        await using var command = Command(
            $"INSERT INTO {schema}.inbox (consumer, message_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Commits the unit of work.</summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        await Transaction.CommitAsync(ct).ConfigureAwait(false);
        // Only units this store began: a joined transaction is committed by the platform, which we do not see.
        memo?.Remember(enqueued);
        enqueued.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (ownsConnection)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);
}

/// <summary>Only Hub.Contracts types are written or read back: the outbox never deserializes arbitrary types.</summary>
internal static class ContractTypes
{
    private static readonly System.Reflection.Assembly Contracts = typeof(Hub.Contracts.V1.CheckConnectivity).Assembly;

    public static bool IsContract(Type type) => type.Assembly == Contracts && type.IsClass && !type.IsAbstract;

    public static Type? Resolve(string name) => Contracts.GetType(name, throwOnError: false) is { } type && IsContract(type) ? type : null;
}
