using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Server.Space.Storage;

/// <summary>
/// The background half of replication: each round (every <see cref="SpaceStorageOptions.RepairInterval"/>, or at once
/// when a read found damage) abandons uploads that never finished, removes deleted copies, repairs damaged and missing
/// copies, and re-verifies copies not checked for <see cref="SpaceStorageOptions.ScrubAfter"/>. One replica at a time
/// works a round (a PostgreSQL advisory lock held on a connection of its own); the others skip it.
/// </summary>
public sealed partial class StorageMaintenance(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, StorageSignal signal,
    IOptions<SpaceStorageOptions> options, ILogger<StorageMaintenance> logger) : BackgroundService
{
    private const long LockKey = 0x5350_4143_4552_5052; // "SPACERPR"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RepairInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(interval, stoppingToken);
            try
            {
                var report = await RunOnceAsync(stoppingToken);
                if (report is { IsEmpty: false })
                {
                    LogRound(logger, report.Abandoned, report.Deleted, report.Repaired, report.Scrubbed, report.Damaged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or every backend may be briefly unavailable; the next round tries again.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>One round; null when another replica holds the round.</summary>
    public async Task<MaintenanceReport?> RunOnceAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(connection, ct))
        {
            return null;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BlobRepair>().RunAsync(ct);
        }
        finally
        {
            // Pooled connections are not reset on close (NoResetOnClose), so the session lock is released explicitly.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection) { Parameters = { new("key", LockKey) } };
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection) { Parameters = { new("key", LockKey) } };
        return await command.ExecuteScalarAsync(ct) is true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Space storage round: {Abandoned} abandoned uploads, {Deleted} copies deleted, {Repaired} repaired, {Scrubbed} verified, {Damaged} found damaged")]
    private static partial void LogRound(ILogger logger, int abandoned, int deleted, int repaired, int scrubbed, int damaged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Space storage maintenance round failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public sealed record MaintenanceReport(int Abandoned, int Deleted, int Repaired, int Scrubbed, int Damaged, int Lost)
{
    public bool IsEmpty => Abandoned + Deleted + Repaired + Damaged + Lost == 0;
}
