using Hub.Server.Api;
using Hub.Server.Oidc;

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
            .AddScopePolicy(PlatformEndpoints.ReadPolicy, HubScopes.PlatformsApply, HubScopes.PlatformsReview)
            .AddScopePolicy(PlatformEndpoints.TokenPolicy);
    }
}
