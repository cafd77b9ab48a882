using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Hub.Server.Catalog;

/// <summary>pending → approved | rejected; any of them → withdrawn (by the provider or a reviewer).</summary>
public enum ResourceStatus : short
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>
/// One resource of the national catalog (资源信息库): its metadata (specs/data resource.schema.json), where it entered
/// the system (origin level and region) and its review state. There is one row per resource and never a copy per
/// level: an approved resource is in the catalog of its origin region and of every region above it because catalog
/// queries match by region prefix (多级汇聚, 一次性接入); withdrawing the row withdraws it everywhere at once.
/// </summary>
public sealed class CatalogResource
{
    public long Id { get; set; }

    /// <summary>R + 16 Crockford base32 characters.</summary>
    public required string ResourceId { get; set; }

    /// <summary>The provider: a platform's client id, or "vendor:{client id}" for an admitted vendor.</summary>
    public required string ProviderId { get; set; }
    public required string SourceId { get; set; }
    public long SourceVersion { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }
    public string[] Keywords { get; set; } = [];
    public required string Subject { get; set; }
    public required string Stage { get; set; }
    public short[] Grades { get; set; } = [];
    public string? TextbookEdition { get; set; }
    public string? TextbookVolume { get; set; }
    public string[] Chapter { get; set; } = [];
    public required string ResourceType { get; set; }
    public required string Format { get; set; }
    public long? Size { get; set; }
    public int? Duration { get; set; }
    public required string Language { get; set; }

    public required string LicenceKind { get; set; }
    public string? LicenceRegionCode { get; set; }
    public decimal? Price { get; set; }

    public required string ProviderName { get; set; }
    public string? ProviderOrganizationCode { get; set; }

    /// <summary>national, province, city, county or school.</summary>
    public required string OriginLevel { get; set; }

    /// <summary>The origin region; "000000" for national, the school's county for a school.</summary>
    public required string OriginRegionCode { get; set; }
    public string? OriginSchoolCode { get; set; }

    public required string LocationUrl { get; set; }
    public string? PreviewUrl { get; set; }
    public required string Checksum { get; set; }

    public ResourceStatus Status { get; set; }
    public string[] Reasons { get; set; } = [];
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>When it was last approved: the catalog's order (newest first).</summary>
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long ChangeVersion { get; set; }

    /// <summary>Bigram tokens of title, description and keywords (CatalogText) for Chinese search without extensions.</summary>
    public NpgsqlTsVector? Search { get; set; }
}

internal sealed class CatalogResourceConfiguration : IEntityTypeConfiguration<CatalogResource>
{
    public void Configure(EntityTypeBuilder<CatalogResource> builder)
    {
        builder.ToTable("resources");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.ResourceId).HasMaxLength(17);
        builder.HasIndex(r => r.ResourceId).IsUnique();
        builder.Property(r => r.ProviderId).HasMaxLength(210);
        builder.Property(r => r.SourceId).HasMaxLength(128);
        builder.HasIndex(r => new { r.ProviderId, r.SourceId }).IsUnique();
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(2000);
        builder.Property(r => r.Subject).HasMaxLength(32);
        builder.Property(r => r.Stage).HasMaxLength(16);
        builder.Property(r => r.TextbookEdition).HasMaxLength(50);
        builder.Property(r => r.TextbookVolume).HasMaxLength(50);
        builder.Property(r => r.ResourceType).HasMaxLength(32);
        builder.Property(r => r.Format).HasMaxLength(127);
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.LicenceKind).HasMaxLength(16);
        builder.Property(r => r.LicenceRegionCode).HasMaxLength(6);
        builder.Property(r => r.Price).HasPrecision(12, 2);
        builder.Property(r => r.ProviderName).HasMaxLength(100);
        builder.Property(r => r.ProviderOrganizationCode).HasMaxLength(16);
        builder.Property(r => r.OriginLevel).HasMaxLength(16);
        builder.Property(r => r.OriginRegionCode).HasMaxLength(6);
        builder.Property(r => r.OriginSchoolCode).HasMaxLength(10);
        builder.Property(r => r.LocationUrl).HasMaxLength(2000);
        builder.Property(r => r.PreviewUrl).HasMaxLength(2000);
        builder.Property(r => r.Checksum).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<short>();
        builder.Property(r => r.ReviewedBy).HasMaxLength(210);
        builder.Property(r => r.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.HasIndex(r => r.ChangeVersion);
        // The catalog of a region is a range of origin codes (its subtree); the review queue is the pending rows of one region.
        builder.HasIndex(r => new { r.OriginRegionCode, r.Status, r.Id });
        builder.HasIndex(r => new { r.Status, r.Id });
        builder.HasIndex(r => r.Search).HasMethod("GIN");
    }
}
