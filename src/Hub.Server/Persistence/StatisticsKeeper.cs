using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Server.Persistence;

/// <summary>When the hub refreshes the planner's statistics itself (section "Statistics").</summary>
public sealed class StatisticsOptions
{
    public const string SectionName = "Statistics";

    /// <summary>How often the tables' growth is checked; zero leaves statistics to autovacuum alone.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A table is analyzed once it holds more rows than its statistics say by this share …</summary>
    public double GrowthShare { get; set; } = 0.5;

    /// <summary>… and by this many.</summary>
    public long GrowthRows { get; set; } = 10_000;
}

/// <summary>
/// Analyzes the hub's tables that grew a lot since their statistics were taken. Autovacuum looks at a
/// database once a minute; a first sync fills an empty registry faster than that, and until then the planner believes
/// `people` and `person_links` hold a few rows and answers every batch's key lookups with scans of the whole table, so
/// each batch costs more than the one before (measured: 39 ms per 500 keys at 60,000 rows, growing). One hub instance
/// does it at a time (advisory lock); the statistics are the database's, so every instance benefits. Only growth
/// counts: a table whose rows are updated in place keeps its size and key distribution, and autovacuum's own analyze
/// follows it. Counting updates too made the keeper analyze `people` (half a second of a core) in the middle of the
/// incremental-changes benchmark, on top of autovacuum's.
/// </summary>
public sealed partial class StatisticsKeeper(NpgsqlDataSource dataSource, IOptions<StatisticsOptions> options, ILogger<StatisticsKeeper> logger)
    : BackgroundService
{
    private const long LockKey = 0x48_75_62_53_74_61_74; // "HubStat"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.CheckInterval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(settings.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await AnalyzeChangedAsync(settings, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database being away is reported by the health checks; try again next tick.
                LogFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Analyzes every table of the hub's schema over the thresholds; returns their names.</summary>
    public async Task<IReadOnlyList<string>> AnalyzeChangedAsync(StatisticsOptions settings, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var locked = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = LockKey } } })
        {
            if (await locked.ExecuteScalarAsync(ct) is not true)
            {
                return [];
            }
        }
        try
        {
            var tables = new List<string>();
            await using (var stale = new NpgsqlCommand("""
                SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname)
                FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid,
                     LATERAL (SELECT greatest(c.reltuples, 0) AS known) k
                WHERE s.schemaname = current_schema() AND s.n_live_tup - k.known > greatest($2, $1 * k.known)
                ORDER BY s.n_live_tup - k.known DESC
                """, connection) { Parameters = { new() { Value = settings.GrowthShare }, new() { Value = settings.GrowthRows } } })
            await using (var reader = await stale.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                // The name comes from the catalog, quoted by quote_ident.
                await using var analyze = new NpgsqlCommand("ANALYZE " + table, connection);
                await analyze.ExecuteNonQueryAsync(ct);
                LogAnalyzed(logger, table);
            }
            return tables;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = LockKey } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analyzed {Table}: it grew a lot since its statistics were taken")]
    private static partial void LogAnalyzed(ILogger logger, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh table statistics: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
