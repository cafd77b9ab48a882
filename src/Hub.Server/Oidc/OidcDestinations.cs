using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>Which token each claim may travel in: person claims reach the id_token only when their scope was granted.</summary>
internal static class OidcDestinations
{
    public static IEnumerable<string> For(Claim claim)
    {
        var principal = claim.Subject;
        bool Granted(string scope) => principal?.HasScope(scope) == true;

        switch (claim.Type)
        {
            case Claims.Subject:
                return [Destinations.AccessToken, Destinations.IdentityToken];
            case Claims.Name or HubClaims.Roles when Granted(HubScopes.Profile):
            case HubClaims.RealName or HubClaims.VerificationLevel when Granted(HubScopes.RealName):
            case HubClaims.DocumentType or HubClaims.DocumentNumberMasked when Granted(HubScopes.IdentityDocument):
            case HubClaims.Affiliations when Granted(HubScopes.Organization):
            case HubClaims.RegionCodes when Granted(HubScopes.Region):
            case HubClaims.GuardianOf when Granted(HubScopes.Guardian):
            case HubClaims.HubId when Granted(HubScopes.HubId):
                return [Destinations.AccessToken, Destinations.IdentityToken];
            case HubClaims.ClientKind or HubClaims.Level or HubClaims.RegionCode:
                return [Destinations.AccessToken];
            case "AspNet.Identity.SecurityStamp" or HubClaims.Person:
                return [];
            default:
                return [Destinations.AccessToken];
        }
    }
}
