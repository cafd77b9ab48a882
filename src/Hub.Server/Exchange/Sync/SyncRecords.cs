using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// What the hub knows about a platform's exchange: the last heartbeat (adapter version, source counts, versions) and
/// running totals of what arrived. One row per platform, updated by the consumers; the console reads it.
/// </summary>
public sealed class PlatformSyncState
{
    /// <summary>The platform's public id (the broker names use it).</summary>
    public required string PlatformId { get; set; }
    public DateTimeOffset? LastHeartbeatAt { get; set; }
    public string? AdapterVersion { get; set; }
    public string SourceCounts { get; set; } = "{}";
    public long LastSourceVersion { get; set; }
    public long PendingOutbox { get; set; }
    public long AcknowledgedHubVersion { get; set; }
    public long MessagesIn { get; set; }
    public long RecordsApplied { get; set; }
    public long RecordsRejected { get; set; }
    public DateTimeOffset? LastBatchAt { get; set; }

    // Running totals the health sampler (Monitoring/) adds each replica's counts to.
    public long MessagesOut { get; set; }
    public long TokenRequests { get; set; }
    public long TokenFailures { get; set; }
}

public enum HoldStatus : short
{
    Pending = 0,
    Confirmed = 1,
    Discarded = 2,
}

/// <summary>A removal batch that would delete more than the configured share of a platform's people: kept, not applied.</summary>
public sealed class RemovalHold
{
    public long Id { get; set; }
    public required string PlatformId { get; set; }
    public required string RegionCode { get; set; }
    public Guid BatchId { get; set; }

    /// <summary>The removals as received (keys and versions only; no personal data).</summary>
    public required string Removals { get; set; }
    public int Count { get; set; }
    public double Share { get; set; }
    public HoldStatus Status { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public enum ReconciliationStatus : short
{
    Comparing = 0,
    Matched = 1,
    Repairing = 2,
    Repaired = 3,
}

/// <summary>One reconciliation round of a platform and entity, from the first digest report to its conclusion.</summary>
public sealed class ReconciliationRound
{
    public Guid RequestId { get; set; }
    public required string PlatformId { get; set; }
    public required string Entity { get; set; }
    public ReconciliationStatus Status { get; set; }
    public long SourceCount { get; set; }
    public long HubCount { get; set; }
    public int MismatchedRanges { get; set; }
    public int RepairedKeys { get; set; }

    /// <summary>Prefixes asked for and not answered yet; the round concludes when none are left.</summary>
    public string[] PendingPrefixes { get; set; } = [];
    public string? RegionCounts { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Which platform sent a school, at which source version: the version rule for organizations.</summary>
public sealed class OrganizationSource
{
    public required string PlatformId { get; set; }
    public required string Code { get; set; }
    public long SourceVersion { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The deletes stream of the change feed: a person unlinked from a platform (or an organization closed) takes a value of
/// the global change sequence here, so followers learn of deletions as reliably as of changes.
/// </summary>
public sealed class ChangeTombstone
{
    public long Id { get; set; }
    public long ChangeVersion { get; set; }
    public required string Entity { get; set; }
    public required string Key { get; set; }
    public required string RegionCode { get; set; }
    public required string PlatformId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>
/// A deletion of a key the hub did not hold yet (the removal overtook the creation): kept so that the older creation,
/// when it arrives, is recognised as stale. Deliveries in any order end in the same state.
/// </summary>
public sealed class RemovedKey
{
    public required string PlatformId { get; set; }
    public required string Entity { get; set; }
    public required string Key { get; set; }
    public long Version { get; set; }
    public DateTimeOffset RemovedAt { get; set; }
}

internal sealed class SyncRecordsConfiguration : IEntityTypeConfiguration<RemovedKey>,
    IEntityTypeConfiguration<PlatformSyncState>, IEntityTypeConfiguration<RemovalHold>, IEntityTypeConfiguration<ReconciliationRound>,
    IEntityTypeConfiguration<OrganizationSource>, IEntityTypeConfiguration<ChangeTombstone>
{
    public void Configure(EntityTypeBuilder<RemovedKey> builder)
    {
        builder.ToTable("removed_keys");
        builder.HasKey(k => new { k.PlatformId, k.Entity, k.Key });
        builder.Property(k => k.PlatformId).HasMaxLength(100);
        builder.Property(k => k.Entity).HasMaxLength(32);
        builder.Property(k => k.Key).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<PlatformSyncState> builder)
    {
        builder.ToTable("platform_sync_states");
        builder.HasKey(s => s.PlatformId);
        builder.Property(s => s.PlatformId).HasMaxLength(32);
        builder.Property(s => s.AdapterVersion).HasMaxLength(64);
        builder.Property(s => s.SourceCounts).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<RemovalHold> builder)
    {
        builder.ToTable("removal_holds");
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.Property(h => h.PlatformId).HasMaxLength(32);
        builder.Property(h => h.RegionCode).HasMaxLength(6);
        builder.Property(h => h.Removals).HasColumnType("jsonb");
        builder.Property(h => h.DecidedBy).HasMaxLength(128);
        builder.HasIndex(h => h.BatchId).IsUnique();
        builder.HasIndex(h => new { h.RegionCode, h.Status, h.Id });
    }

    public void Configure(EntityTypeBuilder<ReconciliationRound> builder)
    {
        builder.ToTable("reconciliation_rounds");
        builder.HasKey(r => r.RequestId);
        builder.Property(r => r.PlatformId).HasMaxLength(32);
        builder.Property(r => r.Entity).HasMaxLength(32);
        builder.Property(r => r.RegionCounts).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.PlatformId, r.Entity, r.StartedAt });
    }

    public void Configure(EntityTypeBuilder<OrganizationSource> builder)
    {
        builder.ToTable("organization_sources");
        builder.HasKey(s => new { s.PlatformId, s.Code });
        builder.Property(s => s.PlatformId).HasMaxLength(32);
        builder.Property(s => s.Code).HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<ChangeTombstone> builder)
    {
        builder.ToTable("change_tombstones");
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.ChangeVersion).HasDefaultValueSql($"nextval('{Persistence.HubDbContext.ChangeVersionSequence}')");
        builder.HasIndex(t => t.ChangeVersion);
        builder.HasIndex(t => new { t.PlatformId, t.OccurredAt });
        builder.Property(t => t.Entity).HasMaxLength(32);
        builder.Property(t => t.Key).HasMaxLength(128);
        builder.Property(t => t.RegionCode).HasMaxLength(6);
        builder.Property(t => t.PlatformId).HasMaxLength(100);
        builder.Property(t => t.Reason).HasMaxLength(64);
    }
}
