using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Monitoring;

/// <summary>Resolutions of the health history: raw samples, then 1-minute and 15-minute rollups.</summary>
public enum SampleResolution : short
{
    Raw = 0,
    Minute = 1,
    Quarter = 2,
}

/// <summary>
/// One platform's health at one moment (raw) or over one bucket (rollup: the worst state, the highest gauges, the last
/// running totals). Totals are cumulative, so rates are differences of neighbouring samples and no replica's count is
/// lost or counted twice; a sample exists once per platform, resolution and time (replicas insert the same key).
/// </summary>
public sealed class PlatformHealthSample
{
    public required string PlatformId { get; set; }
    public SampleResolution Resolution { get; set; }
    public DateTimeOffset At { get; set; }
    public HealthState State { get; set; }
    public Degradation Flags { get; set; }

    /// <summary>Seconds since the last heartbeat; null when none ever arrived.</summary>
    public int? HeartbeatAge { get; set; }
    public long LagVersions { get; set; }

    /// <summary>Age in seconds of the oldest message to the platform still unsent in the hub's outbox.</summary>
    public int OutboxAge { get; set; }
    public long InboxDepth { get; set; }
    public long AdapterPending { get; set; }
    public int DeadLetters { get; set; }
    public long MessagesIn { get; set; }
    public long MessagesOut { get; set; }
    public long RecordsApplied { get; set; }
    public long RecordsRejected { get; set; }
    public long TokenRequests { get; set; }
    public long TokenFailures { get; set; }
}

/// <summary>Rejected records of a platform by error code: the reasons behind the rejected count.</summary>
public sealed class PlatformRejectionCount
{
    public required string PlatformId { get; set; }
    public required string Code { get; set; }
    public long Count { get; set; }
    public DateTimeOffset LastAt { get; set; }
}

public enum AlertStatus : short
{
    Firing = 0,
    Resolved = 1,
}

/// <summary>An alert from its firing to its resolution; at most one firing per rule and subject (a unique index says so).</summary>
public sealed class MonitoringAlert
{
    public long Id { get; set; }
    public required string Rule { get; set; }
    public required string Subject { get; set; }
    public required string Severity { get; set; }
    public string? PlatformId { get; set; }
    public string? RegionCode { get; set; }
    public AlertStatus Status { get; set; }
    public required string SummaryZh { get; set; }
    public required string SummaryEn { get; set; }
    public DateTimeOffset FiredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>The timeline of an alert: fired, resolved, and what became of its webhook deliveries.</summary>
public sealed class AlertEvent
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>"fired", "resolved", "webhook.delivered" or "webhook.failed".</summary>
    public required string Kind { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A webhook POST the hub owes: written in the transaction that fires or resolves the alert, so it survives a restart,
/// and removed from the due list only when the receiver answered 2xx (<see cref="AlertWebhookSender"/>).
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }
    public long AlertId { get; set; }

    /// <summary>"AlertRaised" or "AlertResolved".</summary>
    public required string Kind { get; set; }
    public required string Body { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset AvailableAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class MonitoringRecordsConfiguration : IEntityTypeConfiguration<PlatformHealthSample>, IEntityTypeConfiguration<PlatformRejectionCount>,
    IEntityTypeConfiguration<MonitoringAlert>, IEntityTypeConfiguration<AlertEvent>, IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<PlatformHealthSample> builder)
    {
        builder.ToTable("platform_health_samples");
        builder.HasKey(s => new { s.PlatformId, s.Resolution, s.At });
        builder.Property(s => s.PlatformId).HasMaxLength(32);
        // Pruning and rollups read one resolution by time.
        builder.HasIndex(s => new { s.Resolution, s.At });
    }

    public void Configure(EntityTypeBuilder<PlatformRejectionCount> builder)
    {
        builder.ToTable("platform_rejection_counts");
        builder.HasKey(r => new { r.PlatformId, r.Code });
        builder.Property(r => r.PlatformId).HasMaxLength(32);
        builder.Property(r => r.Code).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<MonitoringAlert> builder)
    {
        builder.ToTable("monitoring_alerts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Rule).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(128);
        builder.Property(a => a.Severity).HasMaxLength(16);
        builder.Property(a => a.PlatformId).HasMaxLength(32);
        builder.Property(a => a.RegionCode).HasMaxLength(6);
        builder.Property(a => a.SummaryZh).HasMaxLength(300);
        builder.Property(a => a.SummaryEn).HasMaxLength(300);
        builder.HasIndex(a => new { a.Rule, a.Subject }).IsUnique().HasFilter("status = 0").HasDatabaseName("ux_monitoring_alerts_firing");
        builder.HasIndex(a => a.FiredAt);
    }

    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.ToTable("alert_events");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasIndex(e => new { e.AlertId, e.Id });
    }

    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.Kind).HasMaxLength(32);
        builder.Property(d => d.Body).HasColumnType("jsonb");
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => d.Id).HasDatabaseName("ix_alert_deliveries_due").HasFilter("delivered_at IS NULL");
    }
}
