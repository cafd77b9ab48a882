using Hub.Adapter.Store;
using Npgsql;

namespace Hub.Adapter.Sources.Postgres;

/// <summary>The platform database layout the PostgreSQL source reads and the PostgreSQL sink writes.</summary>
public static class PlatformDatabase
{
    /// <summary>The layout's SQL for <paramref name="schema"/> (shipped with the adapter, idempotent).</summary>
    public static string LayoutSql(string schema) =>
        AdapterStore.ReadResource("Hub.Adapter.platform-database.sql").Replace("{schema}", schema, StringComparison.Ordinal);

    /// <summary>Creates the layout in <paramref name="schema"/> when missing; safe to run from several processes.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('hub_platform_layout:' || $1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = schema });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using (var create = new NpgsqlCommand(LayoutSql(schema), connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }
}
