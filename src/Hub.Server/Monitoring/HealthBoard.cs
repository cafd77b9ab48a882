using System.Diagnostics.Metrics;

namespace Hub.Server.Monitoring;

/// <summary>Messages per minute of one platform between the last two samples of this replica.</summary>
public sealed record Throughput(double InPerMinute, double OutPerMinute);

/// <summary>
/// The latest health snapshot of this replica's sampler, for the console's live stream and the Prometheus gauges
/// (meter Hub.Monitoring: hub.platform.* per platform and region). Waiters of the live stream are woken on each new snapshot.
/// </summary>
public sealed class HealthBoard
{
    public const string MeterName = "Hub.Monitoring";

    private volatile HealthSnapshot? _latest;
    private IReadOnlyDictionary<string, Throughput> _throughput = new Dictionary<string, Throughput>();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HealthBoard(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Gauge(meter, "hub.platform.state", "0 connected, 1 degraded, 2 silent, 3 suspended", r => (long)r.State);
        Gauge(meter, "hub.platform.lag.versions", "Hub change version minus the platform's acknowledged feed version", r => r.LagVersions);
        Gauge(meter, "hub.platform.outbox.age", "Age in seconds of the oldest unsent message to the platform", r => (long)r.OutboxAge.TotalSeconds, "s");
        Gauge(meter, "hub.platform.inbox.depth", "Messages waiting in the platform's inbox queue", r => r.InboxDepth);
        Gauge(meter, "hub.platform.adapter.pending", "Messages in the adapter's outbox (heartbeat)", r => r.AdapterPending);
        Gauge(meter, "hub.platform.dead_letters", "Dead letters sent by the platform", r => r.DeadLetters);
        Gauge(meter, "hub.platform.heartbeat.age", "Seconds since the platform's last heartbeat (-1: never)",
            r => r.HeartbeatAge(_latest?.At ?? DateTimeOffset.UtcNow) is { } age ? (long)age.TotalSeconds : -1, "s");
        meter.CreateObservableGauge("hub.platform.messages.in.rate", () => Rates(t => t.InPerMinute), "{message}/min", "Messages from the platform per minute");
        meter.CreateObservableGauge("hub.platform.messages.out.rate", () => Rates(t => t.OutPerMinute), "{message}/min", "Messages to the platform per minute");
        meter.CreateObservableGauge("hub.dead_letters.depth", () => new Measurement<long>(_latest?.DeadLetters.Depth ?? 0), description: "Messages in hub.inbound_error");
    }

    public HealthSnapshot? Latest => _latest;

    public Throughput ThroughputOf(string platformId) => _throughput.GetValueOrDefault(platformId) ?? new Throughput(0, 0);

    public void Publish(HealthSnapshot snapshot)
    {
        var before = _latest;
        if (before is not null && snapshot.At > before.At)
        {
            var minutes = (snapshot.At - before.At).TotalMinutes;
            var previous = before.Platforms.ToDictionary(p => p.PlatformId, StringComparer.Ordinal);
            _throughput = snapshot.Platforms.Where(p => previous.ContainsKey(p.PlatformId)).ToDictionary(p => p.PlatformId,
                p => new Throughput(Math.Max(0, p.MessagesIn - previous[p.PlatformId].MessagesIn) / minutes,
                    Math.Max(0, p.MessagesOut - previous[p.PlatformId].MessagesOut) / minutes), StringComparer.Ordinal);
        }
        _latest = snapshot;
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes when the next snapshot is published (or <paramref name="timeout"/> passes).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _next.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
    }

    private void Gauge(Meter meter, string name, string description, Func<HealthReading, long> value, string? unit = null) =>
        meter.CreateObservableGauge(name, () => (_latest?.Platforms ?? []).Select(r => new Measurement<long>(value(r),
            new KeyValuePair<string, object?>("platform", r.PlatformId), new KeyValuePair<string, object?>("region", r.RegionCode))), unit, description);

    private IEnumerable<Measurement<double>> Rates(Func<Throughput, double> rate) =>
        (_latest?.Platforms ?? []).Select(r => new Measurement<double>(rate(ThroughputOf(r.PlatformId)),
            new KeyValuePair<string, object?>("platform", r.PlatformId), new KeyValuePair<string, object?>("region", r.RegionCode)));
}
