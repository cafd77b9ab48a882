using Hub.Server.Identity.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Catalog.Push;

public enum PushTargetKind : short
{
    /// <summary>Everyone whose region is in a subtree (national, province, city, county).</summary>
    Region = 0,
    School = 1,
    Class = 2,
    Person = 3,
}

/// <summary>
/// A push of an approved resource into the spaces of everyone a target describes (推送至用户空间): one row, whatever
/// the audience. Who it reaches is resolved when a person reads their space (as for announcements), so a push to a
/// province of ten million people costs one insert and is visible to all of them as soon as it commits.
/// </summary>
public sealed class ResourcePush
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public PushTargetKind TargetKind { get; set; }

    /// <summary>Region target: significant prefix ("" national, "44", "4403", "440305"), matched by equality with a person's prefixes.</summary>
    public string? RegionPrefix { get; set; }

    /// <summary>The target region ("000000" national; a school's or class's region for those targets).</summary>
    public required string RegionCode { get; set; }
    public string? SchoolCode { get; set; }
    public string? ClassCode { get; set; }
    public long? PersonId { get; set; }

    /// <summary>Roles reached (0–4); empty means everyone the target describes.</summary>
    public short[] Roles { get; set; } = [];
    public string? Note { get; set; }
    public required string PushedBy { get; set; }
    public required string PushedByName { get; set; }
    public DateTimeOffset PushedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>The only per-person row of the resource inbox: what the person did with an item (dismiss, save, rate).</summary>
public sealed class ResourceSpaceState
{
    public long PersonId { get; set; }
    public long ResourceId { get; set; }
    public DateTimeOffset? DismissedAt { get; set; }
    public DateTimeOffset? SavedAt { get; set; }
    public short? Rating { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PushConfigurations : IEntityTypeConfiguration<ResourcePush>, IEntityTypeConfiguration<ResourceSpaceState>
{
    public void Configure(EntityTypeBuilder<ResourcePush> builder)
    {
        builder.ToTable("resource_pushes");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.HasOne<CatalogResource>().WithMany().HasForeignKey(p => p.ResourceId);
        builder.Property(p => p.TargetKind).HasConversion<short>();
        builder.Property(p => p.RegionPrefix).HasMaxLength(6);
        builder.Property(p => p.RegionCode).HasMaxLength(6);
        builder.Property(p => p.SchoolCode).HasMaxLength(10);
        builder.Property(p => p.ClassCode).HasMaxLength(32);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.PushedBy).HasMaxLength(210);
        builder.Property(p => p.PushedByName).HasMaxLength(200);
        // Reading a space looks up pushes by each of the person's keys: a handful of index range scans, none by audience.
        builder.HasIndex(p => new { p.RegionPrefix, p.PushedAt }).HasFilter("target_kind = 0 AND withdrawn_at IS NULL");
        builder.HasIndex(p => new { p.SchoolCode, p.PushedAt }).HasFilter("target_kind IN (1, 2) AND withdrawn_at IS NULL");
        builder.HasIndex(p => new { p.PersonId, p.PushedAt }).HasFilter("target_kind = 3 AND withdrawn_at IS NULL");
        builder.HasIndex(p => new { p.ResourceId, p.RegionCode });
    }

    public void Configure(EntityTypeBuilder<ResourceSpaceState> builder)
    {
        builder.ToTable("resource_space_states");
        builder.HasKey(s => new { s.PersonId, s.ResourceId });
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId);
        builder.HasOne<CatalogResource>().WithMany().HasForeignKey(s => s.ResourceId);
    }
}
