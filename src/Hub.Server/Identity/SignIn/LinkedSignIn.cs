using System.Security.Claims;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Identity.SignIn;

/// <summary>
/// The seam for federated login through a person's home platform: once a trusted platform has asserted
/// "user <c>localId</c> of platform <c>platformId</c> signed in" (the OpenID Connect callback from that platform's
/// provider, Federation/FederatedSignInEndpoints), the person is found through the platform's link and gets the same hub session a
/// password sign-in gives. No link, or a person who is not active, means no session.
/// </summary>
public sealed class LinkedSignIn(HubDbContext db)
{
    public async Task<Person?> FindAsync(string platformId, string localId, CancellationToken ct)
    {
        var person = await db.Set<PersonLink>().Where(l => l.PlatformId == platformId && l.LocalId == localId)
            .Join(db.Set<Person>(), l => l.PersonId, p => p.Id, (_, p) => p).AsNoTracking().FirstOrDefaultAsync(ct);
        if (person is { MergedIntoId: { } survivor })
        {
            person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == survivor, ct);
        }
        return person is { Status: PersonStatus.Active } ? person : null;
    }

    /// <summary>Signs the linked person in and returns them; null (and no session) when there is no active linked person.</summary>
    public async Task<Person?> SignInAsync(HttpContext http, string platformId, string localId)
    {
        if (await FindAsync(platformId, localId, http.RequestAborted) is not { } person)
        {
            return null;
        }
        await http.SignInAsync(AccountEndpoints.SessionScheme, Session(person, "platform:" + platformId));
        return person;
    }

    /// <summary>The hub session principal, shared by every way of signing in; <paramref name="method"/> is kept as "amr".</summary>
    public static ClaimsPrincipal Session(Person person, string method)
    {
        var identity = new ClaimsIdentity(AccountEndpoints.SessionScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, person.HubId));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Name, person.Name));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationMethodReference, method));
        return new ClaimsPrincipal(identity);
    }
}
