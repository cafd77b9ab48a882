using Hub.Server.Exchange.Sync;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>What one round of the sampler did.</summary>
public sealed record SampleResult(int Platforms, int Fired, int Resolved);

/// <summary>
/// Every SampleInterval on every replica: adds this replica's exchange and token counts to the platforms' running totals,
/// reads every platform's health, writes the raw samples, rolls complete buckets up and prunes, evaluates the alert
/// rules, and publishes the snapshot to the board (live console, gauges). A failed round is logged and the next tries again.
/// </summary>
public sealed partial class HealthSampler(IServiceScopeFactory scopes, ExchangeMetrics exchange, TokenMetrics tokens, HealthBoard board,
    IOptions<MonitoringOptions> options, TimeProvider clock, ILogger<HealthSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval, clock);
        do
        {
            try
            {
                await SampleOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<SampleResult> SampleOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await FlushAsync(services.GetRequiredService<HubDbContext>(), clock.GetUtcNow(), ct);
        var now = clock.GetUtcNow();
        var snapshot = await services.GetRequiredService<HealthReader>().ReadAsync(now, ct);
        var history = services.GetRequiredService<HealthHistory>();
        await history.WriteAsync(snapshot, ct);
        await history.CompactAsync(now, ct);
        var (fired, resolved) = await services.GetRequiredService<AlertEvaluator>().EvaluateAsync(snapshot, ct);
        board.Publish(snapshot);
        return new SampleResult(snapshot.Platforms.Count, fired, resolved);
    }

    /// <summary>Adds the counts since the last round to the database's running totals (one statement for all platforms).</summary>
    private async Task FlushAsync(HubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var traffic = exchange.Drain();
        var byPlatform = tokens.Drain().Where(t => t.Key.StartsWith(ClientPrefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[ClientPrefix.Length..], t => t.Value, StringComparer.Ordinal);
        var ids = traffic.Keys.Union(byPlatform.Keys, StringComparer.Ordinal).ToArray();
        if (ids.Length > 0)
        {
            long Of(string id, Func<PlatformTraffic, long> part) => traffic.TryGetValue(id, out var t) ? part(t) : 0;
            var msgIn = ids.Select(id => Of(id, t => t.MessagesIn)).ToArray();
            var msgOut = ids.Select(id => Of(id, t => t.MessagesOut)).ToArray();
            var applied = ids.Select(id => Of(id, t => t.Applied)).ToArray();
            var rejected = ids.Select(id => Of(id, t => t.Rejected)).ToArray();
            var requests = ids.Select(id => byPlatform.GetValueOrDefault(id).Requests).ToArray();
            var failures = ids.Select(id => byPlatform.GetValueOrDefault(id).Failures).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO platform_sync_states (platform_id, source_counts, last_source_version, pending_outbox, acknowledged_hub_version,
                    messages_in, messages_out, records_applied, records_rejected, token_requests, token_failures)
                SELECT u.id, {"{}"}::jsonb, 0, 0, 0, u.msg_in, u.msg_out, u.applied, u.rejected, u.requests, u.failures
                FROM unnest({ids}, {msgIn}, {msgOut}, {applied}, {rejected}, {requests}, {failures}) AS u(id, msg_in, msg_out, applied, rejected, requests, failures)
                WHERE EXISTS (SELECT 1 FROM platform_accesses a WHERE a.public_id = u.id)
                ON CONFLICT (platform_id) DO UPDATE SET messages_in = platform_sync_states.messages_in + excluded.messages_in,
                    messages_out = platform_sync_states.messages_out + excluded.messages_out,
                    records_applied = platform_sync_states.records_applied + excluded.records_applied,
                    records_rejected = platform_sync_states.records_rejected + excluded.records_rejected,
                    token_requests = platform_sync_states.token_requests + excluded.token_requests,
                    token_failures = platform_sync_states.token_failures + excluded.token_failures
                """, ct);
        }
        var codes = traffic.SelectMany(t => t.Value.RejectionCodes.Select(c => (Platform: t.Key, Code: c.Key, Count: c.Value))).ToList();
        if (codes.Count > 0)
        {
            var platforms = codes.Select(c => c.Platform).ToArray();
            var names = codes.Select(c => c.Code).ToArray();
            var counts = codes.Select(c => c.Count).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO platform_rejection_counts (platform_id, code, count, last_at)
                SELECT u.platform, u.code, u.n, {now} FROM unnest({platforms}, {names}, {counts}) AS u(platform, code, n)
                ON CONFLICT (platform_id, code) DO UPDATE SET count = platform_rejection_counts.count + excluded.count, last_at = excluded.last_at
                """, ct);
        }
    }

    private static readonly string ClientPrefix = PlatformAccess.ClientIdFor("");

    [LoggerMessage(Level = LogLevel.Error, Message = "Health sampler round failed; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
