using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter.Pump;

/// <summary>How the adapter moves source changes into its outbox, and its periodic duties.</summary>
public sealed class PumpOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HubAdapter:Pump";

    /// <summary>Records per message (the contract allows up to 1000). The most the contract allows: half the statements
    /// and transactions of 500; a first sync of 200,000 people ran 11 % faster, one of 1,000,000 at the same rate
    /// (bench/sync, where the database's per-row work dominates).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long the pump waits after a round that found no changes. It bounds how late a change leaves for the
    /// hub (the exchange's target is 250 ms at the 99th percentile from the platform's commit to the hub and to a following
    /// platform); an idle round is a few index lookups on the platform database.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a running sync logs its progress (records, rate, outbox backlog).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages waiting in the outbox above which the pump pauses (the broker may be down).</summary>
    [Range(1, 1_000_000)]
    public int MaxOutboxBacklog { get; set; } = 400;

    /// <summary>Interval of <c>Heartbeat</c> messages.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of the adapter's own reconciliation rounds; zero turns them off (the hub may still ask).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(6);

    internal bool IsValid =>
        PollInterval > TimeSpan.Zero && ProgressInterval > TimeSpan.Zero && HeartbeatInterval > TimeSpan.Zero
        && ReconcileInterval >= TimeSpan.Zero;
}
