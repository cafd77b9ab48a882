using System.Security.Claims;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using OpenIddict.Abstractions;

namespace Hub.Server.Api;

/// <summary>
/// Who is calling, as established by an access token (a platform, vendor or operator client) or by an operator's
/// console session: identity for the audit log, kind, jurisdiction and the permissions (scopes) held.
/// </summary>
public sealed record Caller(string ClientId, ClientKind Kind, RegionScope Scope, ClaimsPrincipal Principal)
{
    /// <summary>Level of the jurisdiction (national, province, city, county).</summary>
    public JurisdictionLevel Level { get; init; } = JurisdictionLevel.National;

    /// <summary>Region code of the jurisdiction; null for national and for vendors.</summary>
    public string? RegionCode { get; init; }

    /// <summary>A school account's school (10-digit code); null for every other caller.</summary>
    public string? SchoolCode { get; init; }

    /// <summary>The person behind a console session ("person:{hub id}"); null for a client with a token.</summary>
    public string? PersonHubId => ClientId.StartsWith("person:", StringComparison.Ordinal) ? ClientId["person:".Length..] : null;

    public bool HasScope(string scope) => Principal.HasScope(scope);

    /// <summary>The platform id links are recorded under: the client id of the calling platform.</summary>
    public string PlatformId => ClientId;

    /// <summary>The audit log's actor name: the client id, or "person:{hub id}" for a console session.</summary>
    public string Actor => ClientId;

    /// <summary>The server itself (commands run on the host): national, no token; grants made by it are audited as "system".</summary>
    public static Caller System { get; } = new("system", ClientKind.Operator, RegionScope.National, new ClaimsPrincipal(new ClaimsIdentity()));

    public static Caller From(ClaimsPrincipal principal)
    {
        var clientId = principal.GetClaim(OpenIddictConstants.Claims.ClientId)
            ?? principal.GetClaim(OpenIddictConstants.Claims.Subject)
            ?? throw new InvalidOperationException("Access token without client id.");
        var kind = Enum.TryParse<ClientKind>(principal.GetClaim(HubClaims.ClientKind), out var k) ? k : ClientKind.Vendor;
        // Vendors never get a jurisdiction; a platform or operator without a region is national.
        var region = kind == ClientKind.Vendor ? null : principal.GetClaim(HubClaims.RegionCode);
        var scope = kind == ClientKind.Vendor ? RegionScope.Nothing : RegionScope.Of(region);
        var level = Enum.TryParse<JurisdictionLevel>(principal.GetClaim(HubClaims.Level), out var l) ? l : JurisdictionLevel.National;
        return new Caller(clientId, kind, scope, principal) { Level = level, RegionCode = string.IsNullOrEmpty(region) ? null : region };
    }
}
