using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Hub.Server.Oidc;

/// <summary>
/// Client-credentials access tokens are self-contained JWTs without a database entry, so taking a client's
/// permissions away does not touch tokens already issued. This handler refuses, at the API, every platform access
/// token whose client is suspended. The lookup goes through <see cref="CachingApplicationStore"/>: no database round
/// trip per request; the replica that suspends evicts its entry at once, other replicas within the cache lifetime.
/// </summary>
internal sealed class SuspendedClientRejection(IOpenIddictApplicationManager applications) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<SuspendedClientRejection>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        // Only platforms are ever suspended; user and vendor tokens skip the lookup.
        if (context.AccessTokenPrincipal is not { } principal
            || principal.GetClaim(HubClaims.ClientKind) != nameof(ClientKind.Platform)
            || (principal.GetClaim(Claims.ClientId) ?? principal.GetClaim(Claims.Subject)) is not { } clientId)
        {
            return;
        }
        var application = await applications.FindByClientIdAsync(clientId, context.CancellationToken);
        var suspended = application is null
            || (await applications.GetPropertiesAsync(application, context.CancellationToken)).ContainsKey(ClientRegistry.SuspendedPermissionsProperty);
        if (suspended)
        {
            context.Reject(Errors.InvalidToken, "客户端已暂停 / The client is suspended.");
        }
    }
}

public static class ClientSuspensionExtensions
{
    /// <summary>Registers <see cref="SuspendedClientRejection"/> in the validation pipeline.</summary>
    public static void AddHubClientSuspension(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenIddict().AddValidation(validation => validation.AddEventHandler(SuspendedClientRejection.Descriptor));
}
