using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>Userinfo: the claims of the token's scopes, read fresh from the registry (a renamed person shows the new name).</summary>
internal static class UserInfoEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext http, ClientRegistry clients, PairwiseSubjects pairwise,
        PersonClaims personClaims, HubDbContext db)
    {
        var ct = http.RequestAborted;
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var clientId = principal?.GetClaim(Claims.ClientId) ?? principal?.GetAudiences().FirstOrDefault();
        var subject = principal?.GetClaim(Claims.Subject);
        var client = clientId is null ? null : await clients.FindAsync(clientId, ct);
        if (principal is null || subject is null || client is null)
        {
            return Challenge();
        }
        var person = client.Kind == ClientKind.Vendor
            ? await pairwise.FindPersonAsync(client.ClientId, subject, ct) is { } id ? await db.Set<Person>().FindAsync([id], ct) : null
            : await db.Set<Person>().FirstOrDefaultAsync(p => p.HubId == subject, ct);
        if (person is not { Status: PersonStatus.Active })
        {
            return Challenge();
        }

        var body = new Dictionary<string, object?> { [Claims.Subject] = subject };
        foreach (var claim in await personClaims.ForScopesAsync(person, client, principal.GetScopes(), ct))
        {
            body[claim.Type] = claim.ValueType.StartsWith("JSON", StringComparison.Ordinal)
                ? System.Text.Json.JsonDocument.Parse(claim.Value).RootElement.Clone()
                : claim.Value;
        }
        return Results.Json(body);
    }

    private static IResult Challenge() => Results.Challenge(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "令牌无效或账号不可用 / Invalid token or inactive account.",
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
