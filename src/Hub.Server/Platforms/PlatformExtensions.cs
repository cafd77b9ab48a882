using Hub.Server.Oidc;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Hub.Server.Platforms;

public static class PlatformExtensions
{
    public static void AddHubPlatforms(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlatformAccessStore>();
        builder.Services.AddScoped<PlatformOnboarding>();
        builder.Services.AddScoped<PlatformKeyRotation>();
        builder.Services.AddScoped<PlatformReview>();
        builder.Services.AddScoped<PlatformCredentialIssuer>();
        builder.Services.AddScoped<Conformance.ConformanceKit>();
        // A suspended platform's live access tokens stop working at once, not only when they expire.
        builder.AddHubClientSuspension();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformEndpoints.ReadPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(HubScopes.PlatformsApply) || c.User.HasScope(HubScopes.PlatformsReview)))
            .AddPolicy(PlatformEndpoints.TokenPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
    }
}
