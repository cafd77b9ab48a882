using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Operators;

/// <summary>
/// An admin account (管理员): a person of the registry who may act in the operator console for one region and its
/// subtree, with a set of permissions named like the API scopes. The person signs in like anyone else (password or
/// home platform); this row is what makes them an operator. Revoked accounts are kept for the audit trail.
/// </summary>
public sealed class OperatorAccount
{
    public long Id { get; set; }
    public long PersonId { get; set; }

    /// <summary>Null for the national centre (中央电教馆).</summary>
    public string? RegionCode { get; set; }

    /// <summary>
    /// A school account (学校账号): the school (organizations.id) the account acts for. Its region is the school's and it
    /// holds only <see cref="OperatorAccounts.SchoolPermissions"/>, so it never reaches the rest of the county.
    /// </summary>
    public long? SchoolId { get; set; }

    /// <summary>The school's 10-digit code, kept beside the id for the session (no join on every request).</summary>
    public string? SchoolCode { get; set; }

    public JurisdictionLevel Level { get; set; }
    public string[] Permissions { get; set; } = [];
    public required string GrantedBy { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class OperatorAccountConfiguration : IEntityTypeConfiguration<OperatorAccount>
{
    public void Configure(EntityTypeBuilder<OperatorAccount> builder)
    {
        builder.ToTable("operator_accounts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.RegionCode).HasMaxLength(6);
        builder.Property(a => a.Level).HasConversion<short>();
        builder.HasOne<Organizations.Organization>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.SchoolCode).HasMaxLength(10);
        builder.Property(a => a.GrantedBy).HasMaxLength(128);
        // One live account per person; revoked rows stay.
        builder.HasIndex(a => a.PersonId).IsUnique().HasFilter("revoked_at IS NULL");
    }
}
