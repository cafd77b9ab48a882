using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Oidc;

/// <summary>
/// The OpenID Connect provider's keys and lifetimes. Keys come from configuration or files so that every hub
/// replica signs and validates with the same set; only Development may fall back to per-process keys.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Oidc";

    /// <summary>Issuer URI; defaults to the request's base address when absent (single-host development).</summary>
    public Uri? Issuer { get; set; }

    /// <summary>
    /// Signing keys, all published in the JWKS. The key signing new tokens is the newest one whose
    /// <see cref="SigningKeyOptions.SignFrom"/> has passed; a key with a future SignFrom is published first
    /// so that relying parties learn it before it signs (rotation is described in specs/auth).
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Base64 of 32 bytes: encrypts authorization codes and refresh tokens (never leave the hub).</summary>
    public string EncryptionKey { get; set; } = "";

    /// <summary>Base64 of at least 32 bytes: derives pairwise subject identifiers per vendor.</summary>
    public string PairwiseKey { get; set; } = "";

    /// <summary>Base64 of at least 32 bytes: keys the HMAC under which client secrets are stored.</summary>
    public string ClientSecretKey { get; set; } = "";

    /// <summary>How long a redeemed refresh token may still be used (concurrent requests); after it, reuse revokes the chain.</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often expired or revoked tokens and authorizations are removed (zero: never, e.g. in tests).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a spent token or authorization is kept for audits and reuse detection before it is pruned.</summary>
    public TimeSpan PruneAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Serve well-formed client-credentials token requests with <see cref="ClientCredentialsFastPath"/> (same checks,
    /// token and response as OpenIddict's pipeline, several times cheaper). Off: every request takes the pipeline.
    /// </summary>
    public bool ClientCredentialsFastPath { get; set; } = true;
}

public sealed class SigningKeyOptions
{
    /// <summary>Key id published as "kid".</summary>
    [Required]
    public string Id { get; set; } = "";

    /// <summary>ES256 (default) or RS256.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>Path of a PEM file holding the private key (PKCS#8 or SEC1/PKCS#1).</summary>
    public string? Path { get; set; }

    /// <summary>The PEM text itself, for secret stores that inject values rather than files.</summary>
    public string? Pem { get; set; }

    /// <summary>When this key starts signing; null means it may sign from now.</summary>
    public DateTimeOffset? SignFrom { get; set; }
}
