using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Apps;

internal sealed class VendorAppConfiguration : IEntityTypeConfiguration<VendorApp>
{
    public void Configure(EntityTypeBuilder<VendorApp> builder)
    {
        builder.ToTable("vendor_apps");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.AppId).HasMaxLength(32);
        builder.HasIndex(a => a.AppId).IsUnique();
        builder.Property(a => a.VendorClientId).HasMaxLength(128);
        builder.HasIndex(a => new { a.VendorClientId, a.Id });
        builder.Property(a => a.Name).HasMaxLength(AppValidator.MaxName);
        builder.Property(a => a.Description).HasMaxLength(AppValidator.MaxDescription);
        builder.Property(a => a.Category).HasConversion<short>();
        builder.Property(a => a.ContactName).HasMaxLength(AppValidator.MaxContactName);
        builder.Property(a => a.ContactEmail).HasMaxLength(254);
        builder.Property(a => a.ContactPhone).HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<short>();
        builder.Property(a => a.OidcClientId).HasMaxLength(100);
    }
}

internal sealed class AppSelectionConfiguration : IEntityTypeConfiguration<AppSelection>
{
    public void Configure(EntityTypeBuilder<AppSelection> builder)
    {
        builder.ToTable("app_selections", t => t.HasCheckConstraint("ck_app_selections_rejected_reasons",
            "status <> 2 OR reasons IS NOT NULL"));
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.HasOne<VendorApp>().WithMany().HasForeignKey(s => s.VendorAppId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.RegionCode).HasMaxLength(6);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(s => s.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Status).HasConversion<short>();
        // One open (applied or approved) application per app and region. The same index answers the sign-in
        // check "approved for one of these regions" by (app, region) lookups.
        builder.HasIndex(s => new { s.VendorAppId, s.RegionCode }).IsUnique().HasFilter("status IN (0, 1)");
        // Reviewers list their subtree: a range scan over the region code in keyset order.
        builder.HasIndex(s => new { s.RegionCode, s.Id });
        builder.Property(s => s.Note).HasMaxLength(AppValidator.MaxNote);
        builder.Property(s => s.AppliedBy).HasMaxLength(128);
        builder.Property(s => s.TestNotes).HasMaxLength(AppValidator.MaxTestNotes);
        builder.Property(s => s.Reasons).HasMaxLength(AppValidator.MaxReasons);
        builder.Property(s => s.DecidedBy).HasMaxLength(128);
        builder.Property(s => s.WithdrawnBy).HasMaxLength(128);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
