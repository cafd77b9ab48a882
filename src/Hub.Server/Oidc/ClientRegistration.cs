namespace Hub.Server.Oidc;

/// <summary>What the hub needs to know to issue credentials to a platform or vendor app.</summary>
public sealed record ClientRegistration(
    string ClientId,
    string DisplayName,
    ClientKind Kind,
    JurisdictionLevel Level,
    string? RegionCode,
    IReadOnlyList<string> Scopes,
    string? ClientSecret = null,
    string? JsonWebKeySet = null,
    IReadOnlyList<Uri>? RedirectUris = null,
    IReadOnlyList<Uri>? PostLogoutRedirectUris = null,
    bool AllowClientCredentials = false,
    bool AllowAuthorizationCode = false,
    bool AllowTokenExchange = false,
    string? IdTokenSigningAlgorithm = null);

/// <summary>A registered client as the hub's API layer sees it.</summary>
public sealed record ClientInfo(string ClientId, ClientKind Kind, JurisdictionLevel Level, string? RegionCode,
    string? IdTokenSigningAlgorithm = null);
