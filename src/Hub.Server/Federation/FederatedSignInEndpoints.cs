using Hub.Server.Audit;
using Hub.Server.Identity.SignIn;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Federation;

/// <summary>
/// Sign-in at a person's home platform: /account/federated/{platformId} sends the browser to the platform's OpenID
/// provider (authorization code + PKCE via OpenIddict's client); the callback takes the validated ID token's "sub" as
/// the platform's own user id and signs the linked person in through <see cref="LinkedSignIn"/>. People are never
/// created from an upstream sign-in: without a link (or an active person) there is a page saying so, and no session.
/// </summary>
public static class FederatedSignInEndpoints
{
    public const string AuditAction = "signin.federated";

    public static void MapFederatedSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/account/federated/{platformId}", StartAsync).ExcludeFromDescription();
        app.MapGet(FederationAddress.CallbackPath, CallbackAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> StartAsync(string platformId, string? returnUrl, UpstreamProviders providers, CancellationToken ct)
    {
        returnUrl = AccountEndpoints.IsLocal(returnUrl) ? returnUrl : null;
        if (!await providers.IsUsableAsync(await providers.FindAsync(platformId, ct), ct))
        {
            return FederationPages.Unavailable(returnUrl);
        }
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = FederationAddress.RegistrationId(platformId),
        })
        {
            // Carried through the upstream inside the protected state token, and checked again on the way back.
            RedirectUri = returnUrl ?? "/account",
        };
        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, UpstreamProviders providers, LinkedSignIn linked,
        AuditLog audit, HubDbContext db)
    {
        var ct = http.RequestAborted;
        // OpenIddict has already redeemed the code (with the PKCE verifier) and validated the ID token: issuer,
        // audience, signature against the upstream's published keys, lifetime, nonce, and the state cookie.
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var returnUrl = result.Properties?.RedirectUri is { } r && AccountEndpoints.IsLocal(r) ? r : null;
        var platformId = FederationAddress.PlatformOf(result.Principal?.GetClaim(Claims.Private.RegistrationId));
        var localId = result.Principal?.GetClaim(Claims.Subject);
        if (!result.Succeeded || platformId is null || string.IsNullOrEmpty(localId))
        {
            return await EndAsync(audit, db, platformId, null, "failed", FederationPages.Failed(returnUrl), ct);
        }
        // Disabled or suspended while the person was away at the platform: it no longer vouches for sign-ins.
        var upstream = await providers.FindAsync(platformId, ct);
        if (upstream is null || !await providers.IsUsableAsync(upstream, ct))
        {
            return await EndAsync(audit, db, platformId, null, "unavailable", FederationPages.Unavailable(returnUrl), ct);
        }
        if (await linked.SignInAsync(http, platformId, localId) is not { } person)
        {
            return await EndAsync(audit, db, platformId, null, "not_linked", FederationPages.NotLinked(upstream, returnUrl), ct);
        }
        return await EndAsync(audit, db, platformId, person.HubId, "succeeded", Results.LocalRedirect(returnUrl ?? "/account"), ct);
    }

    /// <summary>
    /// Every federated sign-in is audited with the platform and its outcome; the hub id only once it is known. The
    /// platform's user id is not recorded: it may be anything the platform uses (a phone number, a document number).
    /// </summary>
    private static async Task<IResult> EndAsync(AuditLog audit, HubDbContext db, string? platformId, string? hubId,
        string outcome, IResult page, CancellationToken ct)
    {
        audit.Record(platformId ?? "unknown", AuditAction, "person", hubId, outcome);
        await db.SaveChangesAsync(ct);
        return page;
    }
}
