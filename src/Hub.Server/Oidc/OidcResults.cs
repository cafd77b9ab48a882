using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Hub.Server.Oidc;

/// <summary>OAuth error responses (RFC 6749 §5.2) written by OpenIddict, with a bilingual description.</summary>
internal static class OidcResults
{
    public static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
