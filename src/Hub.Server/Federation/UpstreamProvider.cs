using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Federation;

/// <summary>
/// A connected platform's own OpenID provider, where people whose home is that platform sign in (平台就近服务).
/// One per platform; keyed by the platform's client id at the hub, which is also the platform id of its people's
/// links, so an upstream <c>sub</c> finds the person through the link table. Never deleted, only disabled: the id
/// stays meaningful for audit entries and for sign-ins that are under way.
/// </summary>
public sealed class UpstreamProvider
{
    public required string PlatformId { get; set; }

    /// <summary>The upstream's issuer exactly as its discovery document states it.</summary>
    public required string Issuer { get; set; }

    /// <summary>The client id the hub uses at the upstream.</summary>
    public required string ClientId { get; set; }

    /// <summary>Id of the key <see cref="ClientSecretCiphertext"/> is encrypted under (keys rotate).</summary>
    public required string ClientSecretKeyId { get; set; }

    /// <summary>AES-256-GCM over the client secret, bound to this row; the plaintext is never stored.</summary>
    public required byte[] ClientSecretCiphertext { get; set; }

    public required string DisplayNameZh { get; set; }
    public required string DisplayNameEn { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Also the version of the sign-in registration built from this row (rebuilt when it changes).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Associated data of the secret's ciphertext: a ciphertext copied to another row does not decrypt.</summary>
    public static string SecretBinding(string platformId) => "upstream_providers.client_secret:" + platformId;
}

internal sealed class UpstreamProviderConfiguration : IEntityTypeConfiguration<UpstreamProvider>
{
    public void Configure(EntityTypeBuilder<UpstreamProvider> builder)
    {
        builder.ToTable("upstream_providers");
        builder.HasKey(p => p.PlatformId);
        builder.Property(p => p.PlatformId).HasMaxLength(100);
        builder.Property(p => p.Issuer).HasMaxLength(UpstreamLimits.IssuerLength);
        builder.Property(p => p.ClientId).HasMaxLength(UpstreamLimits.ClientIdLength);
        builder.Property(p => p.ClientSecretKeyId).HasMaxLength(16);
        builder.Property(p => p.DisplayNameZh).HasMaxLength(UpstreamLimits.DisplayNameLength);
        builder.Property(p => p.DisplayNameEn).HasMaxLength(UpstreamLimits.DisplayNameLength);
    }
}
