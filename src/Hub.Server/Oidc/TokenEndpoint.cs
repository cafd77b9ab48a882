using System.Security.Claims;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// The token endpoint after OpenIddict has authenticated the client and validated the request: decides which
/// identity the token carries. Errors are OAuth errors (RFC 6749 §5.2), not problem+json.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> ExchangeAsync(HttpContext http, ClientRegistry clients, PersonClaims personClaims, HubDbContext db,
        IAppSelection selection)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var client = await clients.FindAsync(request.ClientId!, http.RequestAborted);
            if (client is null)
            {
                return OidcResults.Forbid(Errors.InvalidClient, "未知客户端 / Unknown client.");
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            foreach (var (type, value) in ClientCredentialsClaims(client))
            {
                identity.SetClaim(type, value);
            }
            identity.SetScopes(request.GetScopes());
            identity.SetAudiences(ClientCredentialsAudience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType() || request.IsTokenExchangeGrantType())
        {
            // The principal was restored from the code, refresh token or subject token and validated by OpenIddict.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } principal)
            {
                return OidcResults.Forbid(Errors.InvalidGrant, "授权已失效 / The grant is no longer valid.");
            }
            var identity = new ClaimsIdentity(principal.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            if (principal.GetClaim(HubClaims.Person) is { } hubId)
            {
                // Codes and refresh tokens carry only who and what was consented; the claims are read fresh, so a
                // renamed person shows the new name and a suspended one gets no new tokens.
                var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.HubId == hubId, http.RequestAborted);
                var client = await clients.FindAsync(request.ClientId!, http.RequestAborted);
                if (person is not { Status: PersonStatus.Active } || client is null)
                {
                    return OidcResults.Forbid(Errors.InvalidGrant, "账号不可用 / The account is not active.");
                }
                // A region that withdrew the app ends its access at the next refresh, not when the refresh token expires.
                if (client.AppId is { } appId && !await selection.IsSelectedAsync(appId, person.RegionCode, http.RequestAborted))
                {
                    return OidcResults.Forbid(Errors.InvalidGrant, "您所在地区已不再选用该应用 / This app is no longer selected for your region.");
                }
                foreach (var claim in identity.Claims.Where(c => PersonClaimTypes.Contains(c.Type)).ToList())
                {
                    identity.RemoveClaim(claim);
                }
                identity.AddClaims(await personClaims.ForScopesAsync(person, client, principal.GetScopes(), http.RequestAborted));
            }
            if (request.IsTokenExchangeGrantType())
            {
                // Token exchange may only narrow: the new token carries the requested subset of the subject token's scopes.
                var granted = principal.GetScopes();
                var requested = request.GetScopes();
                identity.SetScopes(requested.IsEmpty ? granted : requested.Intersect(granted));
                identity.SetAudiences(HubResources.Api);
            }
            identity.SetDestinations(OidcDestinations.For);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return OidcResults.Forbid(Errors.UnsupportedGrantType, "不支持的授权类型 / Unsupported grant type.");
    }

    /// <summary>The audience of client-credentials access tokens (also written by <see cref="ClientCredentialsFastPath"/>).</summary>
    internal const string ClientCredentialsAudience = HubResources.Api;

    /// <summary>
    /// The identity a client-credentials access token carries, in token order; a null value means the claim is absent.
    /// One definition for the OpenIddict pipeline and <see cref="ClientCredentialsFastPath"/>, so both issue the same token.
    /// </summary>
    internal static (string Type, string? Value)[] ClientCredentialsClaims(ClientInfo client) =>
    [
        (Claims.Subject, client.ClientId),
        (HubClaims.ClientKind, client.Kind.ToString()),
        (HubClaims.Level, client.Level.ToString()),
        (HubClaims.RegionCode, client.RegionCode),
    ];

    private static readonly HashSet<string> PersonClaimTypes =
    [
        Claims.Name, HubClaims.Roles, HubClaims.RealName, HubClaims.VerificationLevel, HubClaims.DocumentType,
        HubClaims.DocumentNumberMasked, HubClaims.Affiliations, HubClaims.RegionCodes, HubClaims.GuardianOf, HubClaims.HubId,
    ];
}
