using Hub.Adapter.Reconciliation;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Pump;

/// <summary>
/// Starts the adapter's own reconciliation rounds every <see cref="PumpOptions.ReconcileInterval"/>, once the outbox
/// has drained (digests taken while changes are still on their way would report differences that are not there).
/// </summary>
internal sealed partial class ReconcileScheduler(
    Reconciler reconciler,
    AdapterStore store,
    OutboxRelay relay,
    IOptions<PumpOptions> options,
    ILogger<ReconcileScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReconcileInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }
        var wait = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (await store.CountPendingAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                    wait = RetryDelay;
                    continue;
                }
                foreach (var entity in (SourceEntity[])[SourceEntity.Organizations, SourceEntity.People])
                {
                    await using var unit = await store.BeginAsync(stoppingToken).ConfigureAwait(false);
                    await reconciler.ReportRootAsync(unit, Guid.NewGuid(), entity, stoppingToken).ConfigureAwait(false);
                    await unit.CommitAsync(stoppingToken).ConfigureAwait(false);
                }
                relay.Notify();
                wait = interval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
                wait = RetryDelay;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reconciliation not started ({Error}: {Reason}); retrying in a minute")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}
