using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.SubjectType).HasMaxLength(64);
        builder.Property(e => e.SubjectId).HasMaxLength(128);
        builder.Property(e => e.Purpose).HasMaxLength(256);
        builder.Property(e => e.RegionCode).HasMaxLength(12);
        builder.Property(e => e.Outcome).HasMaxLength(32);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId, e.OccurredAt });
        builder.HasIndex(e => new { e.Actor, e.OccurredAt });
    }
}
