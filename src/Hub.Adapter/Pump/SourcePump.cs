using System.Diagnostics;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Pump;

/// <summary>
/// Moves source changes into the outbox: per stream one batch per round, each batch one store transaction holding
/// the message and the stream's new cursor, so a crash repeats at most the batch in flight and never skips one.
/// Organizations go first (people's affiliations refer to them), key changes before people. Pauses while the outbox
/// backlog is high (broker down), and logs progress of long syncs. Idle, it waits for the source's change signal or its
/// poll interval, whichever comes first.
/// </summary>
internal sealed partial class SourcePump(
    IPlatformSource source,
    AdapterStore store,
    OutboxRelay relay,
    MessageFactory messages,
    SnapshotJobs snapshots,
    SourceWake wake,
    IOptions<PumpOptions> options,
    ILogger<SourcePump> logger) : BackgroundService
{
    internal const string LastVersionCursor = "source:last-version";
    private const int BatchesPerTransaction = 8;
    private const int LookAgainRounds = 20;
    private static readonly TimeSpan LookAgainInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch sinceReport = new();
    private long recordsSinceReport;
    private long recordsTotal;
    private bool paused;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        sinceReport.Start();
        var lookAgain = 0;
        TimeSpan? backOff = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var moved = 0;
            try
            {
                await store.EnsureReadyAsync(stoppingToken).ConfigureAwait(false);
                var backlog = await store.CountPendingAsync(stoppingToken).ConfigureAwait(false);
                if (backlog >= options.Value.MaxOutboxBacklog)
                {
                    if (!paused)
                    {
                        LogPaused(logger, backlog);
                        paused = true;
                    }
                }
                else
                {
                    paused = false;
                    moved = await RoundAsync(stoppingToken).ConfigureAwait(false);
                }
                Report(backlog, moved);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The source or the store is down: wait and try again, from the committed cursors.
                LogRoundFailed(logger, e.GetType().Name, e.Message);
            }
            if (moved > 0)
            {
                continue;
            }
            // Woken early when the source signals a commit (PostgreSQL: LISTEN/NOTIFY); the poll is the fallback. A
            // signalled change can still be hidden behind the transaction-id horizon (another transaction on the
            // server was running when it committed, however long it runs), so after a signal the pump looks again
            // shortly for a while, then at doubling intervals up to the poll's: a change hidden for a long time waits
            // about as long again, not a whole poll interval.
            var poll = options.Value.PollInterval;
            var wait = lookAgain > 0 ? LookAgainInterval : backOff ?? poll;
            var woke = await wake.WaitAsync(wait < poll ? wait : poll, stoppingToken).ConfigureAwait(false);
            if (woke == Wake.Stopped)
            {
                return;
            }
            if (woke == Wake.Notified)
            {
                (lookAgain, backOff) = (LookAgainRounds, LookAgainInterval);
            }
            else if (lookAgain > 0)
            {
                lookAgain--;
            }
            else if (backOff is { } last)
            {
                backOff = last * 2 < poll ? last * 2 : null;
            }
        }
    }

    /// <summary>One batch of every stream and snapshot job; returns the records moved into the outbox.</summary>
    public async Task<int> RoundAsync(CancellationToken ct)
    {
        var moved = 0;
        moved += await StreamAsync("organizations", source.ReadOrganizationChangesAsync, (u, items, t) => u.EnqueueAsync(messages.Organizations(items), t), ct).ConfigureAwait(false);
        moved += await StreamAsync("organizations-removed", (c, l, t) => source.ReadRemovalsAsync(SourceEntity.Organizations, c, l, t),
            (u, items, t) => u.EnqueueAsync(messages.OrganizationsRemoved(items), t), ct).ConfigureAwait(false);
        moved += await StreamAsync("people-keys", source.ReadKeyChangesAsync, (u, items, t) => u.EnqueueAsync(messages.Keys(items), t), ct).ConfigureAwait(false);
        moved += await StreamAsync("people", source.ReadPeopleChangesAsync, (u, items, t) => u.EnqueueAsync(messages.People(items), t), ct).ConfigureAwait(false);
        moved += await StreamAsync("people-removed", (c, l, t) => source.ReadRemovalsAsync(SourceEntity.People, c, l, t),
            (u, items, t) => u.EnqueueAsync(messages.PeopleRemoved(items), t), ct).ConfigureAwait(false);
        moved += await snapshots.StepAsync(ct).ConfigureAwait(false);
        return moved;
    }

    private async Task<int> StreamAsync<T>(
        string stream,
        Func<string?, int, CancellationToken, Task<ChangePage<T>>> read,
        Func<AdapterTransaction, IReadOnlyList<T>, CancellationToken, Task<Guid>> enqueue,
        CancellationToken ct)
    {
        var cursorName = "source:" + stream;
        await using var unit = await store.BeginAsync(ct).ConfigureAwait(false);
        // Losing the last commits in a database crash loses message and cursor together, and the source still has the
        // changes, so this transaction need not wait for its WAL flush: a large initial sync is not bound by fsyncs.
        await unit.RelaxDurabilityAsync(ct).ConfigureAwait(false);
        // The lock keeps a second adapter process from sending the same batch at the same time.
        var cursor = await unit.LockCursorAsync(cursorName, ct).ConfigureAwait(false);
        var size = options.Value.BatchSize;
        var moved = 0;
        long maxVersion = 0;
        // While a stream has a backlog, several batches (one message each) share a transaction.
        for (var batch = 0; batch < BatchesPerTransaction; batch++)
        {
            var page = await read(cursor, size, ct).ConfigureAwait(false);
            if (page.Items.Count == 0 || page.NextCursor is null)
            {
                break;
            }
            await enqueue(unit, page.Items, ct).ConfigureAwait(false);
            cursor = page.NextCursor;
            moved += page.Items.Count;
            maxVersion = Math.Max(maxVersion, page.MaxVersion);
            if (page.Items.Count < size)
            {
                break;
            }
        }
        if (moved == 0)
        {
            return 0;
        }
        await unit.SetCursorAsync(cursorName, cursor!, ct).ConfigureAwait(false);
        await unit.RaiseCursorAsync(LastVersionCursor, maxVersion, ct).ConfigureAwait(false);
        await unit.CommitAsync(ct).ConfigureAwait(false);
        relay.Notify();
        return moved;
    }

    private void Report(long backlog, int moved)
    {
        recordsSinceReport += moved;
        recordsTotal += moved;
        if (sinceReport.Elapsed < options.Value.ProgressInterval)
        {
            return;
        }
        if (recordsSinceReport > 0)
        {
            LogProgress(logger, recordsSinceReport, recordsSinceReport / sinceReport.Elapsed.TotalSeconds, recordsTotal, backlog);
        }
        recordsSinceReport = 0;
        sinceReport.Restart();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync: {Records} records into the outbox ({Rate:F0}/s), {Total} since start, outbox backlog {Backlog} messages")]
    private static partial void LogProgress(ILogger logger, long records, double rate, long total, long backlog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync paused: {Backlog} messages wait in the outbox (is the broker reachable?)")]
    private static partial void LogPaused(ILogger logger, long backlog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync round failed ({Error}: {Reason}); retrying from the committed cursors")]
    private static partial void LogRoundFailed(ILogger logger, string error, string reason);
}
