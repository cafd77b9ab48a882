using Hub.Server.Identity.Registry;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Messages;
using Hub.Server.Space.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Space;

internal sealed class SpacePersonKeyConfiguration : IEntityTypeConfiguration<SpacePersonKey>
{
    public void Configure(EntityTypeBuilder<SpacePersonKey> builder)
    {
        builder.ToTable("space_person_keys");
        builder.HasKey(k => k.PersonId);
        builder.Property(k => k.MasterKeyId).HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.PersonId);
    }
}

internal sealed class SpaceBlobConfiguration : IEntityTypeConfiguration<SpaceBlob>
{
    public void Configure(EntityTypeBuilder<SpaceBlob> builder)
    {
        builder.ToTable("space_blobs");
        builder.Property(b => b.Id).UseIdentityAlwaysColumn();
        builder.Property(b => b.StorageKey).HasMaxLength(64);
        // One live blob per content and person: the same file uploaded twice is stored once.
        builder.HasIndex(b => new { b.OwnerPersonId, b.ContentHash }).IsUnique().HasFilter("status <> 2");
        builder.HasIndex(b => new { b.Status, b.CreatedAt });
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.OwnerPersonId);
    }
}

internal sealed class BlobCopyConfiguration : IEntityTypeConfiguration<BlobCopy>
{
    public void Configure(EntityTypeBuilder<BlobCopy> builder)
    {
        builder.ToTable("space_blob_copies");
        builder.HasKey(c => new { c.BlobId, c.Backend });
        builder.Property(c => c.Backend).HasMaxLength(32);
        // Repair and scrubbing look for copies by state and age.
        builder.HasIndex(c => new { c.State, c.VerifiedAt });
        builder.HasOne<SpaceBlob>().WithMany().HasForeignKey(c => c.BlobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SpaceFileConfiguration : IEntityTypeConfiguration<SpaceFile>
{
    public void Configure(EntityTypeBuilder<SpaceFile> builder)
    {
        builder.ToTable("space_files");
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.HasIndex(f => new { f.OwnerPersonId, f.CreatedAt });
        builder.HasIndex(f => f.BlobId);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.OwnerPersonId);
        builder.HasOne<SpaceBlob>().WithMany().HasForeignKey(f => f.BlobId);
    }
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.ToTable("space_announcements");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.SenderActor).HasMaxLength(128);
        builder.Property(a => a.SenderName).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(100);
        builder.Property(a => a.Body).HasMaxLength(5000);
        builder.Property(a => a.RegionPrefix).HasMaxLength(6);
        builder.Property(a => a.RegionCode).HasMaxLength(6);
        builder.Property(a => a.SchoolCode).HasMaxLength(32);
        builder.Property(a => a.ClassCode).HasMaxLength(32);
        // Read-time targeting: a person's ancestor prefixes or schools, newest first.
        builder.HasIndex(a => new { a.RegionPrefix, a.Id });
        builder.HasIndex(a => new { a.SchoolCode, a.Id });
        builder.HasIndex(a => new { a.SenderActor, a.Id });
    }
}

internal sealed class AnnouncementReadConfiguration : IEntityTypeConfiguration<AnnouncementRead>
{
    public void Configure(EntityTypeBuilder<AnnouncementRead> builder)
    {
        builder.ToTable("space_announcement_reads");
        builder.HasKey(r => new { r.PersonId, r.AnnouncementId });
        builder.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId);
    }
}

internal sealed class DirectMessageConfiguration : IEntityTypeConfiguration<DirectMessage>
{
    public void Configure(EntityTypeBuilder<DirectMessage> builder)
    {
        builder.ToTable("space_direct_messages");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.SenderName).HasMaxLength(100);
        builder.Property(m => m.Source).HasMaxLength(64);
        builder.Property(m => m.Subject).HasMaxLength(100);
        builder.Property(m => m.Body).HasMaxLength(5000);
        builder.HasIndex(m => new { m.RecipientPersonId, m.Id });
        builder.HasIndex(m => new { m.SenderPersonId, m.Id });
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.RecipientPersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.SenderPersonId);
    }
}
