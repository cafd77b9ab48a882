using System.Security.Claims;
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
    public static async Task<IResult> ExchangeAsync(HttpContext http, ClientRegistry clients)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var client = await clients.FindAsync(request.ClientId!, http.RequestAborted);
            if (client is null)
            {
                return Forbid(Errors.InvalidClient, "未知客户端 / Unknown client.");
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(HubClaims.ClientKind, client.Kind.ToString())
                .SetClaim(HubClaims.Level, client.Level.ToString())
                .SetClaim(HubClaims.RegionCode, client.RegionCode);
            identity.SetScopes(request.GetScopes());
            identity.SetAudiences(HubResources.Api);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType() || request.IsTokenExchangeGrantType())
        {
            // The principal was restored from the code, refresh token or subject token and validated by OpenIddict.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } principal)
            {
                return Forbid(Errors.InvalidGrant, "授权已失效 / The grant is no longer valid.");
            }
            var identity = new ClaimsIdentity(principal.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
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

        return Forbid(Errors.UnsupportedGrantType, "不支持的授权类型 / Unsupported grant type.");
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
