using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Pilot;

internal sealed class PilotApplicationConfiguration : IEntityTypeConfiguration<PilotApplication>
{
    public void Configure(EntityTypeBuilder<PilotApplication> builder)
    {
        builder.ToTable("pilot_applications");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Kind).HasConversion<short>();
        builder.Property(a => a.Status).HasConversion<short>();
        builder.Property(a => a.RegionCode).HasMaxLength(6);
        builder.HasOne<RegionRecord>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // Lists are per jurisdiction (a code range), newest first.
        builder.HasIndex(a => new { a.RegionCode, a.Id });
        builder.HasIndex(a => a.Status);
        builder.Property(a => a.ContentJson).HasColumnType("jsonb");
        builder.Property(a => a.CreatedBy).HasMaxLength(128);
        builder.Property(a => a.DecidedBy).HasMaxLength(128);
        builder.Property(a => a.DecisionReason).HasMaxLength(2000);
        builder.Property(a => a.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.Property(a => a.ChangeVersion).IsConcurrencyToken();
    }
}

internal sealed class PilotScoringConfiguration : IEntityTypeConfiguration<PilotScoring>
{
    public void Configure(EntityTypeBuilder<PilotScoring> builder)
    {
        builder.ToTable("pilot_scorings");
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.HasOne<PilotApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Expert).HasMaxLength(128);
        // One scoring per expert and application; a second one replaces the first.
        builder.HasIndex(s => new { s.ApplicationId, s.Expert }).IsUnique();
        builder.Property(s => s.ScoresJson).HasColumnType("jsonb");
        builder.Property(s => s.Opinion).HasMaxLength(2000);
    }
}
