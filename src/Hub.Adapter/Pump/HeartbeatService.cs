using System.Globalization;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Hub.Adapter.Transport;
using Hub.Contracts.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Pump;

/// <summary>
/// Sends <see cref="Heartbeat"/> directly (not through the outbox: a stale heartbeat queued behind a broker outage
/// tells nothing). Counts it cannot read (source or store down) are left out; the heartbeat still goes.
/// </summary>
internal sealed partial class HeartbeatService(
    IPlatformSource source,
    AdapterStore store,
    IOutboundTransport transport,
    MessageFactory messages,
    IOptions<PumpOptions> options,
    IOptions<AdapterStoreOptions> storeOptions,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            try
            {
                var heartbeat = await BuildAsync(stoppingToken).ConfigureAwait(false);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                deadline.CancelAfter(storeOptions.Value.SendTimeout);
                await transport.SendAsync(heartbeat, typeof(Heartbeat), Guid.NewGuid(), deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task<Heartbeat> BuildAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var entity in (SourceEntity[])[SourceEntity.People, SourceEntity.Organizations])
            {
                counts[MessageFactory.Name(entity)] = (await source.CountAsync(entity, ct).ConfigureAwait(false)).Total;
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogPartial(logger, "source", e.Message);
        }
        long lastVersion = 0, pending = 0, acknowledged = 0;
        try
        {
            lastVersion = Number(await store.GetCursorAsync(SourcePump.LastVersionCursor, ct).ConfigureAwait(false));
            pending = await store.CountPendingAsync(ct).ConfigureAwait(false);
            var feed = await store.GetCursorsAsync(Follow.FeedFollower.CursorPrefix, ct).ConfigureAwait(false);
            acknowledged = feed.Values.Select(Number).DefaultIfEmpty(0).Max();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogPartial(logger, "store", e.Message);
        }
        return new Heartbeat(messages.PlatformId, HubConnection.AdapterVersion, messages.Now, counts, lastVersion, pending, acknowledged);
    }

    private static long Number(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat not sent")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat without {Part} figures: {Reason}")]
    private static partial void LogPartial(ILogger logger, string part, string reason);
}
