using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Usage;

/// <summary>Usage event types; the stored number never changes meaning (codes/usage-event-types.json names them).</summary>
public enum UsageEventType : short
{
    View = 0,
    Download = 1,
    Favourite = 2,
    Rate = 3,
    Complete = 4,
    TimeSpent = 5,
}

/// <summary>
/// One usage event (资源应用情况信息库), resolved to the person, the resource and the person's region and school when it
/// arrived. The event id is the primary key: a redelivered or repeated event is never stored or counted twice. No
/// foreign keys: the ingest resolved both ends, and the ingest rate is bought by not checking them again per row.
/// </summary>
public sealed class UsageEventRow
{
    public Guid EventId { get; set; }
    public long PersonId { get; set; }
    public long ResourceId { get; set; }
    public UsageEventType Type { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>rate: 1–5; time_spent: seconds; complete: progress; favourite: 1 add, 0 remove; else 0.</summary>
    public int Value { get; set; }
    public required string PlatformId { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>The person's organization (school) when it happened; "" for none.</summary>
    public required string SchoolCode { get; set; }
}

/// <summary>Aggregates per (China-time day, resource, region, school): what every usage query reads.</summary>
public sealed class UsageDaily
{
    public DateOnly Day { get; set; }
    public long ResourceId { get; set; }
    public required string RegionCode { get; set; }
    public required string SchoolCode { get; set; }
    public long Views { get; set; }
    public long Downloads { get; set; }

    /// <summary>Favourites added minus removed.</summary>
    public long Favourites { get; set; }
    public long Ratings { get; set; }
    public long RatingSum { get; set; }
    public long Completions { get; set; }
    public long Seconds { get; set; }
    public long Events { get; set; }
}

internal sealed class UsageConfigurations : IEntityTypeConfiguration<UsageEventRow>, IEntityTypeConfiguration<UsageDaily>
{
    public void Configure(EntityTypeBuilder<UsageEventRow> builder)
    {
        builder.ToTable("usage_events");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.Type).HasConversion<short>();
        builder.Property(e => e.PlatformId).HasMaxLength(200);
        builder.Property(e => e.RegionCode).HasMaxLength(6);
        builder.Property(e => e.SchoolCode).HasMaxLength(32);
        // A person's own history (space export).
        builder.HasIndex(e => new { e.PersonId, e.OccurredAt });
    }

    public void Configure(EntityTypeBuilder<UsageDaily> builder)
    {
        builder.ToTable("usage_daily");
        // Region first: every query is a jurisdiction (a region range) over a period, so the key serves them; one
        // secondary index for a single resource's use. Each index costs every ingested event an insertion.
        builder.HasKey(d => new { d.RegionCode, d.Day, d.SchoolCode, d.ResourceId });
        builder.Property(d => d.RegionCode).HasMaxLength(6);
        builder.Property(d => d.SchoolCode).HasMaxLength(32);
        builder.HasIndex(d => new { d.ResourceId, d.Day });
    }
}
