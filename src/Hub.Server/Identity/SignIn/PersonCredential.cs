using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Identity.SignIn;

/// <summary>A person's password (PBKDF2 via ASP.NET Core's hasher) and lockout state.</summary>
public sealed class PersonCredential
{
    public long PersonId { get; set; }
    public required string PasswordHash { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class PersonCredentialConfiguration : IEntityTypeConfiguration<PersonCredential>
{
    public void Configure(EntityTypeBuilder<PersonCredential> builder)
    {
        builder.ToTable("person_credentials");
        builder.HasKey(c => c.PersonId);
        builder.Property(c => c.PasswordHash).HasMaxLength(256);
        builder.HasOne<Registry.Person>().WithOne().HasForeignKey<PersonCredential>(c => c.PersonId);
    }
}
