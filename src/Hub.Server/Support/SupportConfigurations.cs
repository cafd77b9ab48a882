using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Support;

internal sealed class SupportRequestConfiguration : IEntityTypeConfiguration<SupportRequest>
{
    /// <summary>
    /// The region chain rule in SQL: a code is the school's county itself, its city (xxxx00 with the same first four
    /// digits) or its province (xx0000 with the same first two). Routing applies it in code; this makes it impossible
    /// to store anything else, whatever the code does.
    /// </summary>
    internal static string InChain(string column) =>
        $"{column} IS NULL OR {column} = school_region_code"
        + $" OR (right({column}, 2) = '00' AND right({column}, 4) <> '0000' AND left({column}, 4) = left(school_region_code, 4))"
        + $" OR (right({column}, 4) = '0000' AND left({column}, 2) = left(school_region_code, 2))";

    public void Configure(EntityTypeBuilder<SupportRequest> builder)
    {
        builder.ToTable("support_requests", t =>
        {
            t.HasCheckConstraint("ck_support_requests_assigned_in_chain", InChain("assigned_region_code"));
            t.HasCheckConstraint("ck_support_requests_escalated_in_chain", InChain("escalated_region_code"));
            t.HasCheckConstraint("ck_support_requests_one_assignee",
                "(assigned_team_id IS NULL OR assigned_expert_id IS NULL)"
                + " AND ((assigned_team_id IS NULL AND assigned_expert_id IS NULL) = (assigned_region_code IS NULL))");
            t.HasCheckConstraint("ck_support_requests_rating", "rating IS NULL OR rating BETWEEN 1 AND 5");
        });
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Number).HasMaxLength(32);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.SchoolCode).HasMaxLength(10);
        builder.Property(r => r.SchoolRegionCode).HasMaxLength(6);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(r => r.SchoolRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Kind).HasConversion<short>();
        builder.Property(r => r.Urgency).HasConversion<short>();
        builder.Property(r => r.Status).HasConversion<short>();
        builder.Property(r => r.Stage).HasConversion<short?>();
        builder.Property(r => r.Title).HasMaxLength(SupportLimits.Title);
        builder.Property(r => r.Description).HasMaxLength(SupportLimits.Description);
        builder.Property(r => r.Classroom).HasMaxLength(SupportLimits.ShortText);
        builder.Property(r => r.Subject).HasMaxLength(32);
        builder.Property(r => r.AssignedRegionCode).HasMaxLength(6);
        builder.Property(r => r.EscalatedRegionCode).HasMaxLength(6);
        // The assignee's own region is the one stored: (team, region) and (expert, region) must exist together.
        builder.HasOne<SupportTeam>().WithMany().HasForeignKey(r => new { r.AssignedTeamId, r.AssignedRegionCode })
            .HasPrincipalKey(t => new { t.Id, t.RegionCode }).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_support_requests_team_region");
        builder.HasOne<SupportExpert>().WithMany().HasForeignKey(r => new { r.AssignedExpertId, r.AssignedRegionCode })
            .HasPrincipalKey(e => new { e.Id, e.RegionCode }).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_support_requests_expert_region");
        // A request's device belongs to the request's school.
        builder.HasOne<SupportDevice>().WithMany().HasForeignKey(r => new { r.DeviceId, r.SchoolId })
            .HasPrincipalKey(d => new { d.Id, d.SchoolId }).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_support_requests_device_school");
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.AssigneePersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.ReporterPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.FiledBy).HasMaxLength(128);
        builder.Property(r => r.Resolution).HasMaxLength(SupportLimits.Description);
        builder.Property(r => r.RatingRemark).HasMaxLength(SupportLimits.Comment);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // Jurisdiction lists are range scans over the school's region; the checker reads open requests by due time.
        builder.HasIndex(r => new { r.SchoolRegionCode, r.Id });
        builder.HasIndex(r => new { r.SchoolId, r.Id });
        builder.HasIndex(r => new { r.AssignedTeamId, r.Status });
        builder.HasIndex(r => new { r.AssignedExpertId, r.Status });
        builder.HasIndex(r => r.ResolutionDueAt).HasFilter("status IN (0, 1, 2, 6)");
        builder.HasIndex(r => r.ResolvedAt).HasFilter("status = 4");
        builder.HasIndex(r => new { r.DeviceId, r.CreatedAt }).HasFilter("device_id IS NOT NULL");
        builder.HasMany(r => r.History).WithOne().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportTransitionConfiguration : IEntityTypeConfiguration<SupportTransition>
{
    public void Configure(EntityTypeBuilder<SupportTransition> builder)
    {
        builder.ToTable("support_transitions");
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.From).HasConversion<short?>();
        builder.Property(t => t.To).HasConversion<short>();
        builder.Property(t => t.Action).HasMaxLength(32);
        builder.Property(t => t.Actor).HasMaxLength(128);
        builder.Property(t => t.Note).HasMaxLength(SupportLimits.Comment);
        builder.HasIndex(t => new { t.RequestId, t.Id });
    }
}

internal sealed class SupportCommentConfiguration : IEntityTypeConfiguration<SupportComment>
{
    public void Configure(EntityTypeBuilder<SupportComment> builder)
    {
        builder.ToTable("support_comments");
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(c => c.RequestId);
        builder.Property(c => c.Side).HasConversion<short>();
        builder.Property(c => c.Actor).HasMaxLength(128);
        builder.Property(c => c.Body).HasMaxLength(SupportLimits.Comment);
        builder.HasIndex(c => new { c.RequestId, c.Id });
    }
}

internal sealed class SupportAttachmentConfiguration : IEntityTypeConfiguration<SupportAttachment>
{
    public void Configure(EntityTypeBuilder<SupportAttachment> builder)
    {
        builder.ToTable("support_attachments", t => t.HasCheckConstraint("ck_support_attachments_size", "size > 0 AND size = octet_length(content)"));
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(a => a.RequestId);
        builder.Property(a => a.FileName).HasMaxLength(SupportLimits.FileName);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(128);
        builder.HasIndex(a => new { a.RequestId, a.Id });
    }
}

internal sealed class SupportBreachConfiguration : IEntityTypeConfiguration<SupportBreach>
{
    public void Configure(EntityTypeBuilder<SupportBreach> builder)
    {
        builder.ToTable("support_breaches");
        builder.Property(b => b.Id).UseIdentityAlwaysColumn();
        builder.HasOne<SupportRequest>().WithMany().HasForeignKey(b => b.RequestId);
        builder.Property(b => b.Kind).HasConversion<short>();
        builder.Property(b => b.FromRegionCode).HasMaxLength(6);
        builder.Property(b => b.EscalatedToRegionCode).HasMaxLength(6);
        // Flagged once: two checkers racing on one request cannot both record (and announce) the same breach.
        builder.HasIndex(b => new { b.RequestId, b.Kind }).IsUnique();
    }
}

internal sealed class SupportNumberCounterConfiguration : IEntityTypeConfiguration<SupportNumberCounter>
{
    public void Configure(EntityTypeBuilder<SupportNumberCounter> builder)
    {
        builder.ToTable("support_number_counters");
        builder.HasKey(c => new { c.RegionCode, c.Year });
        builder.Property(c => c.RegionCode).HasMaxLength(6);
    }
}

internal sealed class SupportTeamConfiguration : IEntityTypeConfiguration<SupportTeam>
{
    public void Configure(EntityTypeBuilder<SupportTeam> builder)
    {
        builder.ToTable("support_teams", t =>
        {
            t.HasCheckConstraint("ck_support_teams_hours", "opens_minute >= 0 AND opens_minute < closes_minute AND closes_minute <= 1440");
        });
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.RegionCode).HasMaxLength(6);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(t => t.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Name).HasMaxLength(SupportLimits.Name);
        builder.Property(t => t.Kinds).HasConversion(k => k.Select(x => (short)x).ToArray(), k => k.Select(x => (SupportKind)x).ToArray(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<SupportKind[]>((a, b) => a!.SequenceEqual(b!), a => a.Aggregate(0, (h, x) => h * 31 + (int)x), a => a.ToArray()));
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.RegionCode, t.Id });
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupportTeamMemberConfiguration : IEntityTypeConfiguration<SupportTeamMember>
{
    public void Configure(EntityTypeBuilder<SupportTeamMember> builder)
    {
        builder.ToTable("support_team_members");
        builder.HasKey(m => new { m.TeamId, m.PersonId });
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.PersonId);
    }
}

internal sealed class SupportExpertConfiguration : IEntityTypeConfiguration<SupportExpert>
{
    public void Configure(EntityTypeBuilder<SupportExpert> builder)
    {
        builder.ToTable("support_experts");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.RegionCode).HasMaxLength(6);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(e => e.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Stages).HasConversion(k => k.Select(x => (short)x).ToArray(), k => k.Select(x => (SchoolStage)x).ToArray(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<SchoolStage[]>((a, b) => a!.SequenceEqual(b!), a => a.Aggregate(0, (h, x) => h * 31 + (int)x), a => a.ToArray()));
        // One entry per person and region.
        builder.HasIndex(e => new { e.RegionCode, e.PersonId }).IsUnique();
    }
}

internal sealed class SupportDeviceConfiguration : IEntityTypeConfiguration<SupportDevice>
{
    public void Configure(EntityTypeBuilder<SupportDevice> builder)
    {
        builder.ToTable("support_devices");
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.SchoolCode).HasMaxLength(10);
        builder.Property(d => d.RegionCode).HasMaxLength(6);
        builder.Property(d => d.Category).HasConversion<short>();
        builder.Property(d => d.Status).HasConversion<short>();
        builder.Property(d => d.Name).HasMaxLength(SupportLimits.Name);
        builder.Property(d => d.Classroom).HasMaxLength(SupportLimits.ShortText);
        builder.Property(d => d.Model).HasMaxLength(SupportLimits.Name);
        builder.Property(d => d.SerialNumber).HasMaxLength(SupportLimits.ShortText);
        builder.HasIndex(d => new { d.SchoolId, d.SerialNumber }).IsUnique();
        builder.HasIndex(d => new { d.RegionCode, d.Model });
    }
}
