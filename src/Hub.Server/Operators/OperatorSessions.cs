using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Operators;

/// <summary>
/// Turns a console session (the hub's sign-in cookie) into a <see cref="Caller"/> with the operator's jurisdiction
/// and permissions, so console pages call the same services, with the same checks, as the REST API.
/// </summary>
public sealed class OperatorSessions(HubDbContext db)
{
    /// <summary>Null when the session's person holds no live operator account (or is no longer active).</summary>
    public async Task<Caller?> FindAsync(ClaimsPrincipal session, CancellationToken ct)
    {
        if (session.Identity?.IsAuthenticated != true || session.GetClaim(OpenIddictConstants.Claims.Subject) is not { } hubId)
        {
            return null;
        }
        var account = await db.Set<OperatorAccount>().AsNoTracking()
            .Where(a => a.RevokedAt == null)
            .Join(db.Set<Person>().Where(p => p.HubId == hubId && p.Status == PersonStatus.Active), a => a.PersonId, p => p.Id, (a, _) => a)
            .FirstOrDefaultAsync(ct);
        return account is null ? null : For(hubId, account);
    }

    public static Caller For(string hubId, OperatorAccount account)
    {
        var identity = new ClaimsIdentity("operator");
        identity.SetClaim(OpenIddictConstants.Claims.Subject, hubId);
        identity.SetScopes(account.Permissions);
        return new Caller("person:" + hubId, ClientKind.Operator, RegionScope.Of(account.RegionCode), new ClaimsPrincipal(identity))
        {
            Level = account.Level,
            RegionCode = account.RegionCode,
            SchoolCode = account.SchoolCode,
        };
    }
}
