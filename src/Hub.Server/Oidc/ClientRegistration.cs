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
    string? IdTokenSigningAlgorithm = null,
    string? AppId = null);

/// <summary>
/// A registered client as the hub's API layer sees it. <c>AppId</c> is set for the client of a vendor app registered
/// through /api/v1/apps: sign-in then requires the app to be selected for the person's region
/// (<see cref="IAppSelection"/>). Clients added by command have none.
/// </summary>
public sealed record ClientInfo(string ClientId, ClientKind Kind, JurisdictionLevel Level, string? RegionCode,
    string? IdTokenSigningAlgorithm = null, string? AppId = null);
