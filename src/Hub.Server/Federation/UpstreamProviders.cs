using Hub.Server.Audit;
using Hub.Server.Identity.Protection;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Federation;

/// <summary>A choice on the sign-in page: "通过 XX 登录 / Sign in with XX".</summary>
public sealed record UpstreamChoice(string PlatformId, string NameZh, string NameEn);

/// <summary>Stores upstream providers; the client secret is encrypted here and decrypted only to build a sign-in registration.</summary>
public sealed class UpstreamProviders(HubDbContext db, PersonalDataProtector protector, AuditLog audit, TimeProvider clock,
    IOpenIddictApplicationManager applications)
{
    public const string SubjectType = "upstream_provider";

    public Task<UpstreamProvider?> FindAsync(string platformId, CancellationToken ct) =>
        db.Set<UpstreamProvider>().AsNoTracking().FirstOrDefaultAsync(p => p.PlatformId == platformId, ct);

    /// <summary>
    /// Whether the provider may vouch for a sign-in now: enabled, and its platform's client still exists and is not
    /// suspended (a suspended platform is cut off from the hub, and that includes speaking for its people).
    /// </summary>
    public async Task<bool> IsUsableAsync(UpstreamProvider? provider, CancellationToken ct) =>
        provider is { Enabled: true }
        && await applications.FindByClientIdAsync(provider.PlatformId, ct) is { } client
        && !(await applications.GetPropertiesAsync(client, ct)).ContainsKey(ClientRegistry.SuspendedPermissionsProperty);

    /// <summary>Enabled providers for the sign-in page (a suspended platform's link still leads to the "not available" page).</summary>
    public Task<List<UpstreamChoice>> ListEnabledAsync(CancellationToken ct) =>
        db.Set<UpstreamProvider>().AsNoTracking().Where(p => p.Enabled).OrderBy(p => p.PlatformId)
            .Select(p => new UpstreamChoice(p.PlatformId, p.DisplayNameZh, p.DisplayNameEn)).ToListAsync(ct);

    /// <summary>Creates or replaces the platform's provider (enabling it again if it was disabled); audited.</summary>
    public async Task<(UpstreamProvider Provider, bool Created)> SaveAsync(string platformId, ValidUpstream value, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var provider = await db.Set<UpstreamProvider>().FirstOrDefaultAsync(p => p.PlatformId == platformId, ct);
        var created = provider is null;
        var secret = protector.Encrypt(value.ClientSecret, UpstreamProvider.SecretBinding(platformId));
        provider ??= db.Set<UpstreamProvider>().Add(new UpstreamProvider
        {
            PlatformId = platformId, Issuer = "", ClientId = "", ClientSecretKeyId = "", ClientSecretCiphertext = [],
            DisplayNameZh = "", DisplayNameEn = "", CreatedAt = now,
        }).Entity;
        provider.Issuer = value.Issuer.OriginalString;
        provider.ClientId = value.ClientId;
        provider.ClientSecretKeyId = secret.KeyId;
        provider.ClientSecretCiphertext = secret.Ciphertext;
        provider.DisplayNameZh = value.DisplayNameZh;
        provider.DisplayNameEn = value.DisplayNameEn;
        provider.Enabled = true;
        provider.UpdatedAt = now;
        audit.Record(platformId, created ? "federation.upstream.create" : "federation.upstream.update", SubjectType, platformId, "saved");
        await db.SaveChangesAsync(ct);
        return (provider, created);
    }

    /// <summary>Disables the platform's provider: it leaves the sign-in page and callbacks under way are refused.</summary>
    public async Task<UpstreamProvider?> DisableAsync(string platformId, CancellationToken ct)
    {
        var provider = await db.Set<UpstreamProvider>().FirstOrDefaultAsync(p => p.PlatformId == platformId, ct);
        if (provider is null)
        {
            return null;
        }
        if (provider.Enabled)
        {
            provider.Enabled = false;
            provider.UpdatedAt = clock.GetUtcNow();
            audit.Record(platformId, "federation.upstream.disable", SubjectType, platformId, "disabled");
            await db.SaveChangesAsync(ct);
        }
        return provider;
    }

    public string RevealSecret(UpstreamProvider provider) =>
        protector.Decrypt(new ProtectedValue(provider.ClientSecretKeyId, provider.ClientSecretCiphertext),
            UpstreamProvider.SecretBinding(provider.PlatformId));
}
