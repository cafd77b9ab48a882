using System.Globalization;
using System.Text.Json;
using Hub.Adapter.HubApi;
using Hub.Adapter.Sinks;
using Hub.Adapter.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Follow;

/// <summary>
/// Pulls the hub's change feed for a following platform, on <c>ChangesAvailable</c> and every
/// <see cref="FollowOptions.Interval"/>. The first time, it takes a snapshot of each entity (paged, with its position
/// stored after every page) and then follows the feed from the snapshot's version. Every page reaches the sink before
/// the cursor moves past it, so a crash repeats a page and never skips one (the sink keeps the newest per key).
/// The stored cursor is the feed's settled "next", which trails the newest items by the hub's settle time. A pull on a
/// notice therefore reads on from the newest version already seen (kept in memory), or from just below the lowest
/// version a notice announced if that is lower (changes commit out of version order), so that under a steady stream of
/// changes each one arrives at once instead of the unsettled window being read again on every notice; the pulls on the
/// interval start from the stored cursor and so also pick up whatever a lost notice did not announce.
/// </summary>
internal sealed partial class FeedFollower(
    HubApiClient api,
    IPlatformSink sink,
    AdapterStore store,
    IOptions<FollowOptions> options,
    ILogger<FeedFollower> logger) : BackgroundService
{
    internal const string CursorPrefix = "feed:";
    private const string SnapshotPrefix = "feed-snapshot:";
    private readonly WakeSignal wake = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);
    // The lowest version announced per stream since the last pull (ChangesAvailable.FromVersion).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> announced = new(StringComparer.Ordinal);

    /// <summary>Pulls now (the hub announced changes).</summary>
    public void Notify() => wake.Notify();

    /// <summary>Pulls now: the hub committed changes to <paramref name="stream"/> with versions from
    /// <paramref name="fromVersion"/> on (0: unknown).</summary>
    public void Notify(string stream, long fromVersion)
    {
        // Notices of streams this platform does not follow (resources, or a stream left out of Streams) change nothing
        // here; announced holds only followed streams, so every entry is taken by the next pull.
        if (!options.Value.EffectiveStreams.Contains(stream, StringComparer.Ordinal))
        {
            return;
        }
        if (fromVersion > 0)
        {
            announced.AddOrUpdate(stream, fromVersion, (_, other) => Math.Min(other, fromVersion));
        }
        wake.Notify();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakeUp = Wake.Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.EnsureReadyAsync(stoppingToken).ConfigureAwait(false);
                // A notice names its stream: only the announced streams are pulled then (one request each, not five).
                var notified = wakeUp == Wake.Notified && !announced.IsEmpty ? announced.Keys.ToHashSet(StringComparer.Ordinal) : null;
                await FollowAsync(stoppingToken, fromSeen: wakeUp == Wake.Notified, only: notified).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
            }
            wakeUp = await wake.WaitForAsync(options.Value.Interval, stoppingToken).ConfigureAwait(false);
            if (wakeUp == Wake.Stopped)
            {
                return;
            }
        }
    }

    /// <summary>Brings every followed stream up to date, from the stored cursors or (<paramref name="fromSeen"/>) from
    /// the newest versions seen since the start; only the streams in <paramref name="only"/> when given.</summary>
    public async Task FollowAsync(CancellationToken ct, bool fromSeen = false, IReadOnlySet<string>? only = null)
    {
        await store.EnsureReadyAsync(ct).ConfigureAwait(false);
        var streams = options.Value.EffectiveStreams;
        foreach (var entity in streams.Select(EntityOf).Distinct(StringComparer.Ordinal))
        {
            var ofEntity = streams.Where(s => EntityOf(s) == entity).ToArray();
            var cursors = await Task.WhenAll(ofEntity.Select(s => store.GetCursorAsync(CursorPrefix + s, ct))).ConfigureAwait(false);
            if (cursors.Any(c => c is null))
            {
                await SnapshotAsync(entity, ofEntity, ct).ConfigureAwait(false);
            }
        }
        foreach (var stream in streams.Where(s => only is null || only.Contains(s)))
        {
            await PullAsync(stream, fromSeen, ct).ConfigureAwait(false);
        }
    }

    private async Task SnapshotAsync(string entity, string[] streams, CancellationToken ct)
    {
        var state = await store.GetCursorAsync(SnapshotPrefix + entity, ct).ConfigureAwait(false) is { } saved
            ? JsonSerializer.Deserialize<SnapshotState>(saved)!
            : new SnapshotState(null, long.MaxValue, 0);
        while (true)
        {
            SnapshotPage page;
            try
            {
                page = await api.GetSnapshotAsync(entity, state.After, options.Value.PageSize, ct).ConfigureAwait(false);
            }
            catch (HubApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound && state.After is null)
            {
                // The hub offers no snapshot of this entity: its feed from the beginning is the whole state.
                page = new SnapshotPage([], 0, null);
            }
            await sink.ApplyFeedAsync(entity, page.Items, ct).ConfigureAwait(false);
            // Pages of a snapshot may carry rising versions while the hub changes: following from the lowest one
            // replays a few changes, which the sink's newest-wins rule absorbs, and misses none.
            state = new SnapshotState(page.Next, Math.Min(state.Version, page.SnapshotVersion), state.Items + page.Items.Count);
            await using var unit = await store.BeginAsync(ct).ConfigureAwait(false);
            if (page.Next is null)
            {
                foreach (var stream in streams)
                {
                    await unit.SetCursorAsync(CursorPrefix + stream, state.Version.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }
                await unit.DeleteCursorAsync(SnapshotPrefix + entity, ct).ConfigureAwait(false);
                await unit.CommitAsync(ct).ConfigureAwait(false);
                LogSnapshot(logger, entity, state.Items, state.Version);
                return;
            }
            await unit.SetCursorAsync(SnapshotPrefix + entity, JsonSerializer.Serialize(state), ct).ConfigureAwait(false);
            await unit.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task PullAsync(string stream, bool fromSeen, CancellationToken ct)
    {
        var stored = long.Parse(await store.GetCursorAsync(CursorPrefix + stream, ct).ConfigureAwait(false) ?? "0", CultureInfo.InvariantCulture);
        var newest = seen.GetValueOrDefault(stream);
        // Read on from what was seen, or from just below the lowest version announced since, whichever is lower: a
        // batch that committed after a newer one was read is announced with its own lower versions.
        var resume = announced.TryRemove(stream, out var from) ? Math.Min(newest, from - 1) : newest;
        var since = fromSeen && resume > stored ? resume : stored;
        while (true)
        {
            var page = await api.GetChangesAsync(stream, since, options.Value.PageSize, ct).ConfigureAwait(false);
            var last = since;
            if (page.Items.Count > 0)
            {
                await sink.ApplyFeedAsync(stream, page.Items, ct).ConfigureAwait(false);
                last = Math.Max(since, page.Items.Max(i => i.GetProperty("changeVersion").GetInt64()));
            }
            // Only a chain of pages read from the stored cursor may move it: a page read from further on says nothing
            // about a late commit below it.
            if (since == stored && page.Until > stored)
            {
                await using var unit = await store.BeginAsync(ct).ConfigureAwait(false);
                await unit.SetCursorAsync(CursorPrefix + stream, page.Until.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                await unit.CommitAsync(ct).ConfigureAwait(false);
                stored = page.Until;
            }
            seen[stream] = Math.Max(newest, last);
            LogPulled(logger, stream, page.Items.Count, last, stored);
            if (!page.HasMore || last <= since)
            {
                return;
            }
            since = page.Until > last ? page.Until : last;
        }
    }

    internal static string EntityOf(string stream) => stream.StartsWith("people", StringComparison.Ordinal) ? "people" : "organizations";

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    private sealed record SnapshotState(string? After, long Version, long Items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed: snapshot of {Entity} applied ({Items} items), following from version {Version}")]
    private static partial void LogSnapshot(ILogger logger, string entity, long items, long version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed: {Items} {Stream} items applied up to version {Version}, cursor at {Cursor}")]
    private static partial void LogPulled(ILogger logger, string stream, int items, long version, long cursor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed pull failed ({Error}: {Reason}); retrying")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}
