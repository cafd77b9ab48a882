using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Server.Exchange.Sync;

/// <summary>What one platform's exchange did on this replica since the last <see cref="ExchangeMetrics.Drain"/>.</summary>
public sealed record PlatformTraffic(long MessagesIn, long MessagesOut, long Applied, long Rejected, IReadOnlyDictionary<string, long> RejectionCodes);

/// <summary>
/// Counters of the exchange per platform, exported through OpenTelemetry as hub.exchange.*, and the same counts kept
/// per replica until the health sampler (Monitoring/) drains them into the database's running totals, so the console's
/// history adds up across replicas.
/// </summary>
public sealed class ExchangeMetrics
{
    public const string MeterName = "Hub.Exchange";

    private readonly Counter<long> _batches;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _in;
    private readonly Counter<long> _out;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlatformTraffic> _drained = new(StringComparer.Ordinal);

    public ExchangeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _batches = meter.CreateCounter<long>("hub.exchange.batches", description: "Batches received from platforms");
        _applied = meter.CreateCounter<long>("hub.exchange.records.applied", description: "Records applied or already held");
        _rejected = meter.CreateCounter<long>("hub.exchange.records.rejected", description: "Records rejected with a reason");
        _in = meter.CreateCounter<long>("hub.exchange.messages.in", description: "Messages received from platforms");
        _out = meter.CreateCounter<long>("hub.exchange.messages.out", description: "Messages sent to platforms' inboxes");
    }

    public void Batch(string platformId, string entity, int applied, int rejected, IEnumerable<string>? rejectionCodes = null)
    {
        var tags = new TagList { { "platform", platformId }, { "entity", entity } };
        _batches.Add(1, tags);
        _applied.Add(applied, tags);
        _rejected.Add(rejected, tags);
        var tally = TallyOf(platformId);
        Interlocked.Add(ref tally.Applied, applied);
        Interlocked.Add(ref tally.Rejected, rejected);
        foreach (var code in rejectionCodes ?? [])
        {
            tally.Codes.AddOrUpdate(code, 1, (_, n) => n + 1);
        }
    }

    /// <summary>A message from the platform was accepted as its own (any contract, heartbeats included).</summary>
    public void Received(string platformId)
    {
        _in.Add(1, new KeyValuePair<string, object?>("platform", platformId));
        Interlocked.Increment(ref TallyOf(platformId).In);
    }

    /// <summary>The outbox relay had the broker confirm a message to the platform's inbox.</summary>
    public void Sent(string platformId)
    {
        _out.Add(1, new KeyValuePair<string, object?>("platform", platformId));
        Interlocked.Increment(ref TallyOf(platformId).Out);
    }

    /// <summary>Takes the counts since the last call. Tallies only grow; the last drained values are kept to subtract.</summary>
    public IReadOnlyDictionary<string, PlatformTraffic> Drain()
    {
        lock (_drained)
        {
            var result = new Dictionary<string, PlatformTraffic>(StringComparer.Ordinal);
            foreach (var (platform, tally) in _tallies)
            {
                var now = new PlatformTraffic(Interlocked.Read(ref tally.In), Interlocked.Read(ref tally.Out), Interlocked.Read(ref tally.Applied),
                    Interlocked.Read(ref tally.Rejected), tally.Codes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
                var before = _drained.GetValueOrDefault(platform);
                _drained[platform] = now;
                var delta = before is null ? now : new PlatformTraffic(now.MessagesIn - before.MessagesIn, now.MessagesOut - before.MessagesOut,
                    now.Applied - before.Applied, now.Rejected - before.Rejected,
                    now.RejectionCodes.Select(c => (c.Key, N: c.Value - before.RejectionCodes.GetValueOrDefault(c.Key))).Where(c => c.N > 0)
                        .ToDictionary(c => c.Key, c => c.N, StringComparer.Ordinal));
                if (delta.MessagesIn + delta.MessagesOut + delta.Applied + delta.Rejected > 0)
                {
                    result[platform] = delta;
                }
            }
            return result;
        }
    }

    private Tally TallyOf(string platformId) => _tallies.GetOrAdd(platformId, _ => new Tally());

    private sealed class Tally
    {
        public long In;
        public long Out;
        public long Applied;
        public long Rejected;
        public readonly ConcurrentDictionary<string, long> Codes = new(StringComparer.Ordinal);
    }
}
