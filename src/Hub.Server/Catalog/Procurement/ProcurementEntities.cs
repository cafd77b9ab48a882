using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Catalog.Procurement;

public enum VendorStatus : short
{
    Applied = 0,
    Admitted = 1,
    Rejected = 2,
}

/// <summary>
/// A vendor's application for admission (评估准入) in a region ("000000" national) with its evaluation results
/// (企业竞争提供、政府评估准入). Admitted vendors may offer resources there, and only their paid resources can be procured.
/// </summary>
public sealed class ResourceVendor
{
    public long Id { get; set; }

    /// <summary>The vendor's OIDC client (ClientKind.Vendor).</summary>
    public required string ClientId { get; set; }
    public required string Name { get; set; }

    /// <summary>统一社会信用代码 (18 characters).</summary>
    public required string CreditCode { get; set; }
    public required string RegionCode { get; set; }
    public required string EvaluationBody { get; set; }
    public DateOnly EvaluatedOn { get; set; }
    public required string Conclusion { get; set; }
    public int Score { get; set; }
    public string? ReportUrl { get; set; }
    public VendorStatus Status { get; set; }
    public string? Reasons { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>
/// A purchase (采购) of a paid resource for a region's subtree or one school, with its fund source: the resource is
/// free to the people in that scope while the period lasts.
/// </summary>
public sealed class ResourceProcurement
{
    public long Id { get; set; }
    public long ResourceId { get; set; }

    /// <summary>The region whose subtree it covers; for a school, the school's region.</summary>
    public required string RegionCode { get; set; }
    public string? SchoolCode { get; set; }

    /// <summary>special_fund (教育信息化专项经费) or per_student_fund (生均公用经费).</summary>
    public required string FundSource { get; set; }
    public decimal Amount { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A region's or school's selection of a resource (学校自主选择) for its teachers and students. A region's selection
/// applies to every school below it (the inheritance rule of app selections).
/// </summary>
public sealed class ResourceSelection
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public required string RegionCode { get; set; }
    public string? SchoolCode { get; set; }
    public required string SelectedBy { get; set; }
    public DateTimeOffset SelectedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class ProcurementConfigurations : IEntityTypeConfiguration<ResourceVendor>, IEntityTypeConfiguration<ResourceProcurement>,
    IEntityTypeConfiguration<ResourceSelection>
{
    public void Configure(EntityTypeBuilder<ResourceVendor> builder)
    {
        builder.ToTable("resource_vendors");
        builder.Property(v => v.Id).UseIdentityAlwaysColumn();
        builder.Property(v => v.ClientId).HasMaxLength(200);
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.CreditCode).HasMaxLength(18);
        builder.Property(v => v.RegionCode).HasMaxLength(6);
        builder.Property(v => v.EvaluationBody).HasMaxLength(100);
        builder.Property(v => v.Conclusion).HasMaxLength(1000);
        builder.Property(v => v.ReportUrl).HasMaxLength(2000);
        builder.Property(v => v.Status).HasConversion<short>();
        builder.Property(v => v.Reasons).HasMaxLength(1000);
        builder.Property(v => v.DecidedBy).HasMaxLength(210);
        builder.HasIndex(v => new { v.ClientId, v.RegionCode });
        builder.HasIndex(v => new { v.RegionCode, v.Status });
    }

    public void Configure(EntityTypeBuilder<ResourceProcurement> builder)
    {
        builder.ToTable("resource_procurements");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.HasOne<CatalogResource>().WithMany().HasForeignKey(p => p.ResourceId);
        builder.Property(p => p.RegionCode).HasMaxLength(6);
        builder.Property(p => p.SchoolCode).HasMaxLength(10);
        builder.Property(p => p.FundSource).HasMaxLength(32);
        builder.Property(p => p.Amount).HasPrecision(14, 2);
        builder.Property(p => p.RecordedBy).HasMaxLength(210);
        builder.HasIndex(p => new { p.ResourceId, p.RegionCode });
    }

    public void Configure(EntityTypeBuilder<ResourceSelection> builder)
    {
        builder.ToTable("resource_selections");
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.HasOne<CatalogResource>().WithMany().HasForeignKey(s => s.ResourceId);
        builder.Property(s => s.RegionCode).HasMaxLength(6);
        builder.Property(s => s.SchoolCode).HasMaxLength(10);
        builder.Property(s => s.SelectedBy).HasMaxLength(210);
        builder.HasIndex(s => new { s.RegionCode, s.SchoolCode });
        builder.HasIndex(s => new { s.ResourceId, s.RegionCode, s.SchoolCode }).IsUnique().HasFilter("withdrawn_at IS NULL");
    }
}
