using System.Security.Claims;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using OpenIddict.Abstractions;

namespace Hub.Server.Api;

/// <summary>Who is calling the REST API, as established by the access token: client, kind and jurisdiction.</summary>
public sealed record Caller(string ClientId, ClientKind Kind, RegionScope Scope, ClaimsPrincipal Principal)
{
    public bool HasScope(string scope) => Principal.HasScope(scope);

    /// <summary>The platform id links are recorded under: the client id of the calling platform.</summary>
    public string PlatformId => ClientId;

    public static Caller From(ClaimsPrincipal principal)
    {
        var clientId = principal.GetClaim(OpenIddictConstants.Claims.ClientId)
            ?? principal.GetClaim(OpenIddictConstants.Claims.Subject)
            ?? throw new InvalidOperationException("Access token without client id.");
        var kind = Enum.TryParse<ClientKind>(principal.GetClaim(HubClaims.ClientKind), out var k) ? k : ClientKind.Vendor;
        // Vendors never get a jurisdiction; a platform or operator without a region is national.
        var scope = kind == ClientKind.Vendor ? RegionScope.Nothing : RegionScope.Of(principal.GetClaim(HubClaims.RegionCode));
        return new Caller(clientId, kind, scope, principal);
    }
}
