using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Server.Exchange.Sync;

/// <summary>Counters of the exchange per platform (exported through OpenTelemetry as hub.exchange.*).</summary>
public sealed class ExchangeMetrics
{
    public const string MeterName = "Hub.Exchange";

    private readonly Counter<long> _batches;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;

    public ExchangeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _batches = meter.CreateCounter<long>("hub.exchange.batches", description: "Batches received from platforms");
        _applied = meter.CreateCounter<long>("hub.exchange.records.applied", description: "Records applied or already held");
        _rejected = meter.CreateCounter<long>("hub.exchange.records.rejected", description: "Records rejected with a reason");
    }

    public void Batch(string platformId, string entity, int applied, int rejected)
    {
        var tags = new TagList { { "platform", platformId }, { "entity", entity } };
        _batches.Add(1, tags);
        _applied.Add(applied, tags);
        _rejected.Add(rejected, tags);
    }
}
