namespace Hub.Server.Federation;

/// <summary>PUT /api/v1/federation/upstream: the platform's OpenID provider and the client the hub uses there.</summary>
public sealed record UpstreamProviderRequest(string? Issuer, string? ClientId, string? ClientSecret, DisplayNameInput? DisplayName);

/// <summary>A display name in Chinese and English, as the sign-in page shows it.</summary>
public sealed record DisplayNameInput(string? Zh, string? En);

/// <summary>
/// What GET returns: the registration with the secret masked (it never leaves the hub again), and the callback
/// URL the platform must allow as redirect URI for the hub's client.
/// </summary>
public sealed record UpstreamProviderView(string PlatformId, string Issuer, string ClientId, string ClientSecretMasked,
    DisplayNameInput DisplayName, bool Enabled, Uri CallbackUri, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Mask = "********";

    public static UpstreamProviderView From(UpstreamProvider provider, Uri callback) => new(provider.PlatformId, provider.Issuer,
        provider.ClientId, Mask, new DisplayNameInput(provider.DisplayNameZh, provider.DisplayNameEn), provider.Enabled, callback,
        provider.CreatedAt, provider.UpdatedAt);
}

/// <summary>A request that passed validation: trimmed, every field present.</summary>
public sealed record ValidUpstream(Uri Issuer, string ClientId, string ClientSecret, string DisplayNameZh, string DisplayNameEn);
