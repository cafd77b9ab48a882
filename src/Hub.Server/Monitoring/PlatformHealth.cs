using Hub.Server.Platforms;

namespace Hub.Server.Monitoring;

/// <summary>A platform's connection health; the order is the severity a rollup keeps (the worst of its bucket).</summary>
public enum HealthState : short
{
    Connected = 0,
    Degraded = 1,
    Silent = 2,
    Suspended = 3,
}

/// <summary>Why a heartbeating platform is degraded (several may hold).</summary>
[Flags]
public enum Degradation : short
{
    None = 0,
    Lag = 1,
    DeadLetters = 2,
    Reconciliation = 4,
}

/// <summary>The latest reconciliation round of one entity of a platform.</summary>
public sealed record ReconciliationView(string Entity, string Status, int MismatchedRanges, int RepairedKeys, long SourceCount, long HubCount,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>Everything the hub knows about one platform's exchange at one moment (what the console, the sampler and the alerts read).</summary>
public sealed record HealthReading
{
    public required string PlatformId { get; init; }
    public required string Name { get; init; }
    public required string RegionCode { get; init; }
    public PlatformAccessStatus AccessStatus { get; init; }

    /// <summary>When the platform's access last changed (approval, connection, resumption): "silent since" for one that never sent a heartbeat.</summary>
    public DateTimeOffset AccessSince { get; init; }
    public HealthState State { get; init; }
    public Degradation Flags { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public string? AdapterVersion { get; init; }
    public long HubVersion { get; init; }
    public long AcknowledgedVersion { get; init; }
    public long LagVersions { get; init; }
    public TimeSpan OutboxAge { get; init; }
    public long InboxDepth { get; init; }
    public long AdapterPending { get; init; }
    public int DeadLetters { get; init; }
    public IReadOnlyList<string> DeadLetterReasons { get; init; } = [];
    public int PendingHolds { get; init; }
    public long MessagesIn { get; init; }
    public long MessagesOut { get; init; }
    public long RecordsApplied { get; init; }
    public long RecordsRejected { get; init; }
    public long TokenRequests { get; init; }
    public long TokenFailures { get; init; }
    public IReadOnlyList<ReconciliationView> Reconciliation { get; init; } = [];

    public TimeSpan? HeartbeatAge(DateTimeOffset now) => LastHeartbeatAt is { } at ? now - at : null;
}

/// <summary>The rules of the health states (specs/exchange/operations.md §1), as one pure function the tests drive with a fake clock.</summary>
public static class HealthRules
{
    public static HealthState Classify(PlatformAccessStatus access, DateTimeOffset? lastHeartbeat, Degradation flags, DateTimeOffset now, MonitoringOptions options)
    {
        if (access == PlatformAccessStatus.Suspended)
        {
            return HealthState.Suspended;
        }
        if (lastHeartbeat is not { } at || now - at > options.SilentAfter)
        {
            return HealthState.Silent;
        }
        return flags == Degradation.None ? HealthState.Connected : HealthState.Degraded;
    }

    /// <summary>Which degradations hold for the measured values.</summary>
    public static Degradation Flags(long lagVersions, TimeSpan outboxAge, long inboxDepth, long adapterPending, int deadLetters,
        IEnumerable<ReconciliationView> reconciliation, MonitoringOptions options)
    {
        var lag = options.Lag;
        var flags = Degradation.None;
        if (lagVersions > lag.Versions || outboxAge > lag.OutboxAge || inboxDepth > lag.InboxDepth || adapterPending > lag.AdapterPending)
        {
            flags |= Degradation.Lag;
        }
        if (deadLetters > 0)
        {
            flags |= Degradation.DeadLetters;
        }
        if (reconciliation.Any(Unrepaired))
        {
            flags |= Degradation.Reconciliation;
        }
        return flags;
    }

    /// <summary>A round that found differences and has not finished repairing them.</summary>
    public static bool Unrepaired(ReconciliationView round) => round.MismatchedRanges > 0 && round.Status is "repairing" or "comparing";

    public static string Wire(HealthState state) => state.ToString().ToLowerInvariant();

    public static (string Zh, string En) Label(HealthState state) => state switch
    {
        HealthState.Connected => ("正常", "connected"),
        HealthState.Degraded => ("降级", "degraded"),
        HealthState.Silent => ("失联", "silent"),
        _ => ("已暂停", "suspended"),
    };
}
