using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations", t =>
        {
            t.HasCheckConstraint("ck_organizations_classes",
                "multimedia_class_count <= class_count AND mobile_terminal_class_count <= class_count");
        });
        builder.Property(o => o.Id).UseIdentityAlwaysColumn();
        builder.Property(o => o.Code).HasMaxLength(10);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Kind).HasConversion<short>();
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.RegionCode).HasMaxLength(6);
        // A forged region cannot be stored even by a bug: the code must exist in the GB/T 2260 table.
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // Jurisdiction filters are range scans over the region code, in the keyset order of lists.
        builder.HasIndex(o => new { o.RegionCode, o.Id });
        builder.Property(o => o.Level).HasConversion<short>();
        builder.Property(o => o.SchoolType).HasConversion<short?>();
        builder.Property(o => o.Status).HasConversion<short>();
        builder.Property(o => o.CreatedBy).HasMaxLength(128);
        builder.Property(o => o.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.Property(o => o.ChangeVersion).IsConcurrencyToken();
        builder.HasIndex(o => o.ChangeVersion);
        builder.Ignore(o => o.IsPrimaryOrSecondary);
    }
}
