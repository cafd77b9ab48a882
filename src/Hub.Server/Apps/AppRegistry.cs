using System.Security.Cryptography;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Apps;

/// <summary>The vendor's side of apps: register, change, list its own, fetch client credentials.</summary>
public sealed class AppRegistry(HubDbContext db, AuditLog audit, AppClients appClients, TimeProvider clock)
{
    public async Task<VendorApp> RegisterAsync(ValidApp valid, Caller vendor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var app = new VendorApp
        {
            AppId = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            VendorClientId = vendor.ClientId,
            Name = valid.Name,
            ContactName = valid.ContactName,
            ContactEmail = valid.ContactEmail,
            Status = VendorAppStatus.Registered,
            CreatedAt = now,
        };
        Apply(app, valid, now);
        db.Add(app);
        audit.Record(vendor.Actor, "app.register", "app", app.AppId, "registered");
        await db.SaveChangesAsync(ct);
        return app;
    }

    /// <summary>The app if it belongs to the calling vendor; another vendor's app looks absent.</summary>
    public Task<VendorApp?> FindOwnAsync(string appId, Caller vendor, CancellationToken ct) =>
        db.Set<VendorApp>().FirstOrDefaultAsync(a => a.AppId == appId && a.VendorClientId == vendor.ClientId, ct);

    public Task<List<VendorApp>> ListOwnAsync(Caller vendor, CancellationToken ct) =>
        db.Set<VendorApp>().AsNoTracking().Where(a => a.VendorClientId == vendor.ClientId).OrderBy(a => a.Id).ToListAsync(ct);

    /// <summary>
    /// Description and contact may always change. What reviewers test (name, category, redirect URIs, scopes) is
    /// fixed while an application is pending or approved, and for good once the app is live: its client was built
    /// from those values, and regions approved exactly them.
    /// </summary>
    public async Task<ErrorDefinition?> UpdateAsync(VendorApp app, ValidApp valid, Caller vendor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await appClients.LockAsync(app, ct);
        if (ChangesReviewedFields(app, valid))
        {
            var open = await db.Set<AppSelection>().AnyAsync(s => s.VendorAppId == app.Id
                && (s.Status == AppSelectionStatus.Applied || s.Status == AppSelectionStatus.Approved), ct);
            if (open || app.Status == VendorAppStatus.Live)
            {
                return AppErrors.ReviewedFieldsFixed;
            }
        }
        Apply(app, valid, clock.GetUtcNow());
        audit.Record(vendor.Actor, "app.update", "app", app.AppId, "updated");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>A fresh client secret for a live app, shown once; each call replaces the previous secret.</summary>
    public async Task<(AppCredentials? Credentials, ErrorDefinition? Error)> IssueCredentialsAsync(VendorApp app, Caller vendor, CancellationToken ct)
    {
        if (app.Status != VendorAppStatus.Live)
        {
            return (null, AppErrors.NotLive);
        }
        // Recorded first: replacing the secret saves the unit of work, so the entry commits with the new secret.
        audit.Record(vendor.Actor, "app.credentials.issue", "app", app.AppId, "issued");
        var secret = await appClients.IssueSecretAsync(app, ct);
        if (secret is null)
        {
            return (null, AppErrors.NotLive);
        }
        await db.SaveChangesAsync(ct);
        return (new AppCredentials(app.OidcClientId!, secret, ["client_secret_basic", "client_secret_post"], clock.GetUtcNow()), null);
    }

    private static bool ChangesReviewedFields(VendorApp app, ValidApp valid) =>
        app.Name != valid.Name || app.Category != valid.Category
        || !app.RedirectUris.SequenceEqual(valid.RedirectUris, StringComparer.Ordinal)
        || !app.PostLogoutRedirectUris.SequenceEqual(valid.PostLogoutRedirectUris, StringComparer.Ordinal)
        || !app.Scopes.SequenceEqual(valid.Scopes, StringComparer.Ordinal);

    private static void Apply(VendorApp app, ValidApp valid, DateTimeOffset now)
    {
        app.Name = valid.Name;
        app.Description = valid.Description;
        app.Category = valid.Category;
        app.RedirectUris = valid.RedirectUris;
        app.PostLogoutRedirectUris = valid.PostLogoutRedirectUris;
        app.Scopes = valid.Scopes;
        app.ContactName = valid.ContactName;
        app.ContactEmail = valid.ContactEmail;
        app.ContactPhone = valid.ContactPhone;
        app.UpdatedAt = now;
    }
}
