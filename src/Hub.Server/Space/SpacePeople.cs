using System.Security.Claims;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Space;

/// <summary>The active person whose space a request works on.</summary>
public sealed record SpacePerson(long Id, string HubId, string Name, string RegionCode, short[] Roles)
{
    /// <summary>How the audit log names the person acting in their own space.</summary>
    public string Actor => "person:" + HubId;

    public bool Has(PersonRole role) => Roles.Contains((short)role);
}

/// <summary>
/// Finds the person behind a request: an access token carrying the <c>space</c> scope that a person granted to an app
/// (vendors know the person by a pairwise subject, platforms by the hub id), or the hub's own sign-in session for the
/// /space pages. Client-credentials tokens name no person and get nothing.
/// </summary>
public sealed class SpacePeople(HubDbContext db, ClientRegistry clients, PairwiseSubjects pairwise)
{
    public async Task<SpacePerson?> FromTokenAsync(ClaimsPrincipal token, CancellationToken ct)
    {
        if (!token.HasScope(HubScopes.Space) || token.GetClaim(OpenIddictConstants.Claims.Subject) is not { } subject
            || token.GetClaim(OpenIddictConstants.Claims.ClientId) is not { } clientId || subject == clientId
            || await clients.FindAsync(clientId, ct) is not { } client)
        {
            return null;
        }
        if (client.Kind == ClientKind.Vendor)
        {
            return await pairwise.FindPersonAsync(clientId, subject, ct) is { } id ? await FindAsync(id, ct) : null;
        }
        return await FindByHubIdAsync(subject, ct);
    }

    public async Task<SpacePerson?> FromSessionAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(AccountEndpoints.SessionScheme);
        return session.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is { } hubId
            ? await FindByHubIdAsync(hubId, http.RequestAborted)
            : null;
    }

    public Task<string?> HubIdOfAsync(long id, CancellationToken ct) =>
        db.Set<Person>().Where(p => p.Id == id).Select(p => p.HubId).FirstOrDefaultAsync(ct);

    public Task<SpacePerson?> FindByHubIdAsync(string hubId, CancellationToken ct) =>
        Active(db.Set<Person>().Where(p => p.HubId == hubId), ct);

    public Task<SpacePerson?> FindAsync(long id, CancellationToken ct) =>
        Active(db.Set<Person>().Where(p => p.Id == id), ct);

    private static Task<SpacePerson?> Active(IQueryable<Person> people, CancellationToken ct) =>
        people.Where(p => p.Status == PersonStatus.Active)
            .Select(p => new SpacePerson(p.Id, p.HubId, p.Name, p.RegionCode, p.Roles))
            .FirstOrDefaultAsync(ct);
}
