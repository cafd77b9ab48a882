using Hub.Server.Oidc;
using Microsoft.Extensions.Options;

namespace Hub.Server.Federation;

/// <summary>
/// Where upstream providers send people back, and how a platform id maps to the OpenIddict client registration id.
/// With <c>Oidc:Issuer</c> configured the callback is absolute under the issuer (the hub's public address; TLS ends at
/// the load balancer, so the request itself does not know it). Without one (single-host development) it follows the request.
/// </summary>
public sealed class FederationAddress(IOptions<OidcOptions> oidc)
{
    public const string CallbackPath = "/account/federated-callback";
    private const string RegistrationPrefix = "upstream:";

    public Uri? PublicBase => oidc.Value.Issuer;

    /// <summary>The redirect URI the hub's client uses at every upstream (relative when the hub has no configured issuer).</summary>
    public Uri Callback => PublicBase is { } issuer ? new Uri(issuer, CallbackPath) : new Uri(CallbackPath[1..], UriKind.Relative);

    /// <summary>The callback as the platform must register it.</summary>
    public Uri CallbackFor(HttpRequest request) =>
        PublicBase is { } issuer ? new Uri(issuer, CallbackPath) : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}");

    public static string RegistrationId(string platformId) => RegistrationPrefix + platformId;

    public static string? PlatformOf(string? registrationId) =>
        registrationId is not null && registrationId.StartsWith(RegistrationPrefix, StringComparison.Ordinal)
            && registrationId.Length > RegistrationPrefix.Length ? registrationId[RegistrationPrefix.Length..] : null;
}
