using System.Security.Cryptography;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Apps;

/// <summary>
/// The OIDC side of a vendor app: its client is created at the first approval anywhere, and its secret is handed
/// only to the vendor, through the vendor's own token (<see cref="IssueSecretAsync"/>), never to a reviewer.
/// </summary>
public sealed class AppClients(ClientRegistry clients, HubDbContext db)
{
    /// <summary>
    /// Takes a row lock on the app for the rest of the transaction. Every change to an app's applications takes it
    /// first, so two reviewers approving in different regions cannot both create the client, and an application
    /// cannot slip in while the vendor changes what reviewers test.
    /// </summary>
    public async Task LockAsync(VendorApp app, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM vendor_apps WHERE id = {app.Id} FOR UPDATE", ct);
        await db.Entry(app).ReloadAsync(ct);
    }

    /// <summary>Creates the app's client unless it exists. Call inside the transaction holding <see cref="LockAsync"/>.</summary>
    public async Task EnsureClientAsync(VendorApp app, CancellationToken ct)
    {
        if (app.OidcClientId is not null)
        {
            return;
        }
        // Confidential from the start, with a secret nobody ever sees: the vendor gets a usable one from
        // IssueSecretAsync, so no plaintext secret is stored or passes through a reviewer's hands.
        await clients.RegisterAsync(new ClientRegistration(
            app.AppId, app.Name, ClientKind.Vendor, JurisdictionLevel.National, null, app.Scopes,
            ClientSecret: NewSecret(),
            RedirectUris: [.. app.RedirectUris.Select(u => new Uri(u, UriKind.Absolute))],
            PostLogoutRedirectUris: [.. app.PostLogoutRedirectUris.Select(u => new Uri(u, UriKind.Absolute))],
            AllowAuthorizationCode: true,
            AppId: app.AppId), ct);
        app.OidcClientId = app.AppId;
        app.Status = VendorAppStatus.Live;
    }

    /// <summary>A new secret for a live app's client; the previous one stops working. Null when the client is missing.</summary>
    public async Task<string?> IssueSecretAsync(VendorApp app, CancellationToken ct)
    {
        var secret = NewSecret();
        return app.OidcClientId is { } clientId && await clients.ReplaceSecretAsync(clientId, secret, ct) ? secret : null;
    }

    /// <summary>256 random bits, base64url: the hub's client secret format (specs/auth §2).</summary>
    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
