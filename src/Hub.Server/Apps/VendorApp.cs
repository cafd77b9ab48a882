namespace Hub.Server.Apps;

public enum VendorAppStatus
{
    /// <summary>Registered; no region has approved it yet, so it has no OIDC client.</summary>
    Registered = 0,

    /// <summary>Approved somewhere at least once: its OIDC client exists (it signs in only people of selected regions).</summary>
    Live = 1,
}

/// <summary>
/// An app a vendor registers (应用接入) in one of the categories. Regions select it through <see cref="AppSelection"/>;
/// the first approval anywhere creates its OIDC client, whose client id is <see cref="AppId"/>.
/// </summary>
public sealed class VendorApp
{
    public long Id { get; set; }

    /// <summary>Public id ("app-" + 16 hex digits); also the OIDC client id once the app is live.</summary>
    public required string AppId { get; set; }

    /// <summary>Client id of the vendor that registered the app: only that vendor may change it.</summary>
    public required string VendorClientId { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public AppCategory Category { get; set; }

    /// <summary>Exact, absolute redirect URIs (at most 10), matched character for character at sign-in.</summary>
    public string[] RedirectUris { get; set; } = [];

    public string[] PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Identity scopes the app may request (openid always among them).</summary>
    public string[] Scopes { get; set; } = [];

    public required string ContactName { get; set; }
    public required string ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    public VendorAppStatus Status { get; set; }

    /// <summary>Set when the first approval created the OIDC client.</summary>
    public string? OidcClientId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
