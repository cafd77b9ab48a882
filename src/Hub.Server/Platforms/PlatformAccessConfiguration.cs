using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Platforms;

internal sealed class PlatformAccessConfiguration : IEntityTypeConfiguration<PlatformAccess>
{
    public void Configure(EntityTypeBuilder<PlatformAccess> builder)
    {
        builder.ToTable("platform_accesses");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.PublicId).HasMaxLength(16);
        builder.HasIndex(p => p.PublicId).IsUnique();
        builder.Property(p => p.RegionCode).HasMaxLength(6);
        // A forged region cannot be stored even by a bug: the code must exist in the GB/T 2260 table.
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(p => p.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // Jurisdiction filters are range scans over the region code, in the keyset order of lists.
        builder.HasIndex(p => new { p.RegionCode, p.Id });
        builder.Property(p => p.Form).HasColumnType("jsonb")
            .HasConversion(form => PlatformJson.Serialize(form), json => PlatformJson.Deserialize(json), PlatformJson.Comparer);
        builder.Property(p => p.Jwks).HasColumnType("jsonb");
        builder.Property(p => p.Status).HasConversion<short>();
        // One platform per client and per broker user: a second approval cannot create a second client.
        builder.Property(p => p.ClientId).HasMaxLength(100);
        builder.HasIndex(p => p.ClientId).IsUnique();
        builder.Property(p => p.RabbitMqUser).HasMaxLength(100);
        builder.Property(p => p.Origin).HasMaxLength(64);
        builder.Property(p => p.CreatedBy).HasMaxLength(128);
        builder.Property(p => p.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.Property(p => p.ChangeVersion).IsConcurrencyToken();
        builder.HasIndex(p => p.ChangeVersion);
        builder.HasMany(p => p.History).WithOne().HasForeignKey(t => t.PlatformAccessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlatformAccessTransitionConfiguration : IEntityTypeConfiguration<PlatformAccessTransition>
{
    public void Configure(EntityTypeBuilder<PlatformAccessTransition> builder)
    {
        builder.ToTable("platform_access_transitions");
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.From).HasConversion<short?>();
        builder.Property(t => t.To).HasConversion<short>();
        builder.Property(t => t.Actor).HasMaxLength(128);
        builder.Property(t => t.Reasons).HasMaxLength(500);
        builder.HasIndex(t => new { t.PlatformAccessId, t.At });
    }
}
