using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Identity.Registry;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.HubId).HasMaxLength(20);
        // Covering: a usage event resolves its person's id and region from the index alone (usage ingest).
        builder.HasIndex(p => p.HubId).IsUnique().IncludeProperties(p => new { p.Id, p.RegionCode });
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.DocumentType).HasConversion<short>();
        builder.Property(p => p.Gender).HasConversion<short>();
        builder.HasIndex(p => p.DocumentIndex).IsUnique();
        builder.Property(p => p.DocumentKeyId).HasMaxLength(16);
        builder.Property(p => p.DocumentMasked).HasMaxLength(32);
        builder.HasIndex(p => p.StudentNumberIndex).IsUnique();
        builder.Property(p => p.StudentNumberKeyId).HasMaxLength(16);
        builder.Property(p => p.StudentNumberMasked).HasMaxLength(32);
        builder.Property(p => p.RegionCode).HasMaxLength(6);
        // Jurisdiction filters are range scans over the region code (GB/T 2260 is hierarchical by prefix).
        builder.HasIndex(p => new { p.RegionCode, p.Id });
        builder.Property(p => p.VerifiedBy).HasMaxLength(128);
        builder.Property(p => p.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.HasIndex(p => p.ChangeVersion);
        builder.Property(p => p.ChangeVersion).IsConcurrencyToken();
    }
}

internal sealed class PersonLinkConfiguration : IEntityTypeConfiguration<PersonLink>
{
    public void Configure(EntityTypeBuilder<PersonLink> builder)
    {
        builder.ToTable("person_links");
        builder.HasKey(l => new { l.PlatformId, l.LocalId });
        builder.Property(l => l.PlatformId).HasMaxLength(100);
        builder.Property(l => l.LocalId).HasMaxLength(128);
        builder.Property(l => l.SourceVersion).HasDefaultValue(0L);
        builder.HasIndex(l => l.PersonId);
        // No foreign key to people (nor on person_affiliations), on purpose: people are never deleted (merging and
        // closing are statuses), and every writer takes the person id from a row it read or inserted in the same
        // transaction. The key's check ran per row (a FOR KEY SHARE lock on the person, a WAL record each) and was
        // 18 % of the hub's database time in an initial sync (bench/RESULTS.md); tests check no link is orphaned.
    }
}

internal sealed class PersonAliasConfiguration : IEntityTypeConfiguration<PersonAlias>
{
    public void Configure(EntityTypeBuilder<PersonAlias> builder)
    {
        builder.ToTable("person_aliases");
        builder.HasKey(a => a.HubId);
        builder.Property(a => a.HubId).HasMaxLength(20);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId);
    }
}

internal sealed class PersonAffiliationConfiguration : IEntityTypeConfiguration<PersonAffiliation>
{
    public void Configure(EntityTypeBuilder<PersonAffiliation> builder)
    {
        builder.ToTable("person_affiliations");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.OrganizationCode).HasMaxLength(32);
        builder.Property(a => a.ClassCode).HasMaxLength(32);
        // Who belongs to a school (space contacts and targeting) is looked up by organization.
        builder.HasIndex(a => new { a.OrganizationCode, a.Role });
        // Role before school and the end date included: a person's current school (the first by role, then code) is
        // read from the index alone, without a sort, for every usage event.
        builder.HasIndex(a => new { a.PersonId, a.Role, a.OrganizationCode, a.ValidFrom }).IsUnique().IncludeProperties(a => a.ValidTo);
        // No foreign key to people: see PersonLinkConfiguration.
    }
}

internal sealed class GuardianLinkConfiguration : IEntityTypeConfiguration<GuardianLink>
{
    public void Configure(EntityTypeBuilder<GuardianLink> builder)
    {
        builder.ToTable("guardian_links");
        builder.HasKey(g => new { g.ParentId, g.StudentId });
        builder.HasIndex(g => g.StudentId);
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.ParentId);
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.StudentId);
    }
}

internal sealed class ReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCase>
{
    public void Configure(EntityTypeBuilder<ReviewCase> builder)
    {
        builder.ToTable("identity_review_cases");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.PlatformId).HasMaxLength(100);
        builder.Property(r => r.LocalId).HasMaxLength(128);
        builder.Property(r => r.ProposedName).HasMaxLength(200);
        builder.Property(r => r.RegionCode).HasMaxLength(6);
        builder.Property(r => r.ResolvedBy).HasMaxLength(128);
        builder.Property(r => r.Resolution).HasMaxLength(500);
        builder.HasIndex(r => new { r.RegionCode, r.Status, r.Id });
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId);
    }
}

internal sealed class KeyChangeConfiguration : IEntityTypeConfiguration<KeyChange>
{
    public void Configure(EntityTypeBuilder<KeyChange> builder)
    {
        builder.ToTable("person_key_changes");
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
        builder.Property(k => k.ChangeVersion).HasDefaultValueSql($"nextval('{HubDbContext.ChangeVersionSequence}')");
        builder.HasIndex(k => k.ChangeVersion);
        builder.Property(k => k.OldValueMasked).HasMaxLength(32);
        builder.Property(k => k.NewValueMasked).HasMaxLength(32);
        builder.Property(k => k.MergedHubId).HasMaxLength(20);
        builder.Property(k => k.Actor).HasMaxLength(128);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.PersonId);
    }
}
