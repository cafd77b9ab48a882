using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.IntegrationTests.Persistence;

public sealed class StatisticsKeeperTests(HubApp app) : IClassFixture<HubApp>
{
    private static readonly StatisticsOptions Settings = new() { GrowthRows = 1_000, GrowthShare = 0.5 };

    [Fact]
    public async Task AnalyzeChanged_TableGrewPastTheThresholds_IsAnalyzedWithoutWaitingForAutovacuum()
    {
        var table = await CreateTableAsync(rows: 20_000);

        var analyzed = await WaitForAnalyzeAsync(table);

        Assert.True(analyzed, $"{table} grew by 20,000 rows and was not analyzed within 20 s");
    }

    [Fact]
    public async Task AnalyzeChanged_TableChangedLittle_IsLeftToAutovacuum()
    {
        var table = await CreateTableAsync(rows: 50);

        var listed = await app.Factory.Services.GetRequiredService<StatisticsKeeper>().AnalyzeChangedAsync(Settings, CancellationToken.None);

        Assert.DoesNotContain("public." + table, listed);
        Assert.Null(await LastAnalyzeAsync(table));
    }

    [Fact]
    public async Task AnalyzeChanged_RowsUpdatedInPlaceButTableDidNotGrow_IsLeftToAutovacuum()
    {
        var table = await CreateTableAsync(rows: 5_000);
        // The insert's counters reach the statistics up to a second after its commit, and are added to what ANALYZE
        // sets: analyzing before they arrive would leave the table looking twice its size, which is growth.
        await WaitForLiveRowsAsync(table, 5_000);
        await ExecuteAsync($"ANALYZE {table}");
        var analyzedAt = await LastAnalyzeAsync(table);
        await ExecuteAsync($"UPDATE {table} SET id = id + 1000000");
        await ExecuteAsync($"UPDATE {table} SET id = id - 1000000");

        // Growth of 20,000 rows elsewhere proves the counters of this moment reached the keeper's query.
        var grown = await CreateTableAsync(rows: 20_000);
        Assert.True(await WaitForAnalyzeAsync(grown), $"{grown} grew by 20,000 rows and was not analyzed within 20 s");

        Assert.Equal(analyzedAt, await LastAnalyzeAsync(table));
    }

    private async Task WaitForLiveRowsAsync(string table, long rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await TableStatAsync("n_live_tup", table) is long live && live >= rows)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{table}: the insert's counters did not reach the statistics within 20 s");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await app.Factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> CreateTableAsync(int rows)
    {
        var table = "stats_probe_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE TABLE {table} (id bigint PRIMARY KEY); INSERT INTO {table} SELECT g FROM generate_series(1, {rows}) g");
        return table;
    }

    /// <summary>The counters reach pg_stat_user_tables within about a second of the commit; the keeper (this call or its
    /// own timer in the test host) then analyzes the table. Only a manual ANALYZE sets last_analyze, so autovacuum cannot
    /// make this pass.</summary>
    private async Task<bool> WaitForAnalyzeAsync(string table)
    {
        var keeper = app.Factory.Services.GetRequiredService<StatisticsKeeper>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await keeper.AnalyzeChangedAsync(Settings, CancellationToken.None);
            if (await LastAnalyzeAsync(table) is not null)
            {
                return true;
            }
            await Task.Delay(250);
        }
        return false;
    }

    private async Task<DateTime?> LastAnalyzeAsync(string table) => await TableStatAsync("last_analyze", table) as DateTime?;

    /// <summary>A column of pg_stat_user_tables for the table (a column name of this file, never input).</summary>
    private async Task<object?> TableStatAsync(string column, string table)
    {
        await using var connection = await app.Factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var read = new NpgsqlCommand($"SELECT {column} FROM pg_stat_user_tables WHERE relname = $1", connection)
        {
            Parameters = { new() { Value = table } },
        };
        return await read.ExecuteScalarAsync();
    }
}
