using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>One point of a platform's history as the console draws it: rates per minute from neighbouring cumulative totals.</summary>
public sealed record HistoryPoint(DateTimeOffset At, HealthState State, long LagVersions, int OutboxAge, long InboxDepth, double InPerMinute,
    double OutPerMinute, double RejectedPerMinute, double TokenFailuresPerMinute);

/// <summary>
/// The seven days of history: raw samples written each round, rolled up into 1-minute and 15-minute buckets once a
/// bucket is complete, older rows pruned per resolution. Every statement is idempotent (ON CONFLICT DO NOTHING on the
/// sample's key), so replicas sampling side by side write each sample and each rollup once.
/// </summary>
public sealed class HealthHistory(HubDbContext db, IOptions<MonitoringOptions> options)
{
    private static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The start of the bucket of <paramref name="width"/> that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at, TimeSpan width) =>
        Origin + TimeSpan.FromTicks((at - Origin).Ticks / width.Ticks * width.Ticks);

    public async Task WriteAsync(HealthSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Platforms.Count == 0)
        {
            return;
        }
        var at = Floor(snapshot.At, options.Value.SampleInterval);
        var p = snapshot.Platforms;
        var ids = p.Select(r => r.PlatformId).ToArray();
        var states = p.Select(r => (short)r.State).ToArray();
        var flags = p.Select(r => (short)r.Flags).ToArray();
        var ages = p.Select(r => r.HeartbeatAge(snapshot.At) is { } age ? (int?)Math.Min(int.MaxValue, (long)age.TotalSeconds) : null).ToArray();
        var lags = p.Select(r => r.LagVersions).ToArray();
        var outbox = p.Select(r => (int)Math.Min(int.MaxValue, (long)r.OutboxAge.TotalSeconds)).ToArray();
        var inbox = p.Select(r => r.InboxDepth).ToArray();
        var pending = p.Select(r => r.AdapterPending).ToArray();
        var letters = p.Select(r => r.DeadLetters).ToArray();
        var msgIn = p.Select(r => r.MessagesIn).ToArray();
        var msgOut = p.Select(r => r.MessagesOut).ToArray();
        var applied = p.Select(r => r.RecordsApplied).ToArray();
        var rejected = p.Select(r => r.RecordsRejected).ToArray();
        var tokens = p.Select(r => r.TokenRequests).ToArray();
        var failures = p.Select(r => r.TokenFailures).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO platform_health_samples (platform_id, resolution, at, state, flags, heartbeat_age, lag_versions, outbox_age, inbox_depth,
                adapter_pending, dead_letters, messages_in, messages_out, records_applied, records_rejected, token_requests, token_failures)
            SELECT u.id, 0, {at}, u.state, u.flags, u.age, u.lag, u.outbox, u.inbox, u.pending, u.letters, u.msg_in, u.msg_out, u.applied, u.rejected, u.tokens, u.failures
            FROM unnest({ids}, {states}, {flags}, {ages}, {lags}, {outbox}, {inbox}, {pending}, {letters}, {msgIn}, {msgOut}, {applied}, {rejected}, {tokens}, {failures})
                AS u(id, state, flags, age, lag, outbox, inbox, pending, letters, msg_in, msg_out, applied, rejected, tokens, failures)
            ON CONFLICT DO NOTHING
            """, ct);
    }

    /// <summary>Rolls complete buckets up (raw → minute, minute → quarter hour) and prunes each resolution past its retention.</summary>
    public async Task CompactAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        await RollUpAsync(SampleResolution.Raw, SampleResolution.Minute, TimeSpan.FromMinutes(1), now, TimeSpan.FromMinutes(10), ct);
        await RollUpAsync(SampleResolution.Minute, SampleResolution.Quarter, TimeSpan.FromMinutes(15), now, TimeSpan.FromHours(1), ct);
        foreach (var (resolution, keep) in new[] { (SampleResolution.Raw, o.RawRetention), (SampleResolution.Minute, o.MinuteRetention), (SampleResolution.Quarter, o.QuarterRetention) })
        {
            var before = now - keep;
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM platform_health_samples WHERE resolution = {(short)resolution} AND at < {before}", ct);
        }
    }

    /// <summary>
    /// Buckets that ended before now and began within <paramref name="lookback"/>: the worst state, every flag, the
    /// highest gauges and the last running totals of the finer samples in them.
    /// </summary>
    private async Task RollUpAsync(SampleResolution from, SampleResolution to, TimeSpan width, DateTimeOffset now, TimeSpan lookback, CancellationToken ct)
    {
        var end = Floor(now, width);
        var start = end - lookback;
        var seconds = (long)width.TotalSeconds;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO platform_health_samples (platform_id, resolution, at, state, flags, heartbeat_age, lag_versions, outbox_age, inbox_depth,
                adapter_pending, dead_letters, messages_in, messages_out, records_applied, records_rejected, token_requests, token_failures)
            SELECT platform_id, {(short)to}, date_bin(make_interval(secs => {seconds}), at, {Origin}), max(state), bit_or(flags), max(heartbeat_age),
                max(lag_versions), max(outbox_age), max(inbox_depth), max(adapter_pending), max(dead_letters), max(messages_in), max(messages_out),
                max(records_applied), max(records_rejected), max(token_requests), max(token_failures)
            FROM platform_health_samples WHERE resolution = {(short)from} AND at >= {start} AND at < {end}
            GROUP BY 1, 3
            ON CONFLICT DO NOTHING
            """, ct);
    }

    /// <summary>The history of one platform over <paramref name="range"/>, at the finest resolution that still covers it.</summary>
    public async Task<List<HistoryPoint>> ReadAsync(string platformId, TimeSpan range, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var resolution = range <= o.RawRetention ? SampleResolution.Raw : range <= o.MinuteRetention ? SampleResolution.Minute : SampleResolution.Quarter;
        var since = now - range;
        var samples = await db.Set<PlatformHealthSample>().AsNoTracking()
            .Where(s => s.PlatformId == platformId && s.Resolution == resolution && s.At >= since)
            .OrderBy(s => s.At).ToListAsync(ct);
        var points = new List<HistoryPoint>(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var before = i > 0 ? samples[i - 1] : null;
            var minutes = before is null ? 0 : (s.At - before.At).TotalMinutes;
            double Rate(Func<PlatformHealthSample, long> total) => minutes <= 0 ? 0 : Math.Max(0, total(s) - total(before!)) / minutes;
            points.Add(new HistoryPoint(s.At, s.State, s.LagVersions, s.OutboxAge, s.InboxDepth, Rate(x => x.MessagesIn), Rate(x => x.MessagesOut),
                Rate(x => x.RecordsRejected), Rate(x => x.TokenFailures)));
        }
        return points;
    }
}
