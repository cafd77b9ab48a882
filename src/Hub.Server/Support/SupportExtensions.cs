using Hub.Server.Api;
using Hub.Server.Oidc;

namespace Hub.Server.Support;

public static class SupportExtensions
{
    public static void AddHubSupport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SupportOptions>()
            .Bind(builder.Configuration.GetSection(SupportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<SupportAccess>();
        builder.Services.AddScoped<SupportRouting>();
        builder.Services.AddScoped<SupportMessenger>();
        // The seam to the personal space's messages: replace this registration to deliver notices there.
        builder.Services.AddScoped<OutboxSupportNotifier>();
        builder.Services.AddScoped<ISupportNotifier, SpaceSupportNotifier>();
        builder.Services.AddScoped<SupportFiling>();
        builder.Services.AddScoped<SupportHandling>();
        builder.Services.AddScoped<SupportQueries>();
        builder.Services.AddScoped<SupportAttachments>();
        builder.Services.AddScoped<SupportTeams>();
        builder.Services.AddScoped<SupportEquipment>();
        builder.Services.AddScoped<SupportStatistics>();
        builder.Services.AddSingleton<SupportServiceLevelChecker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SupportServiceLevelChecker>());
        builder.Services.AddAuthorizationBuilder()
            .AddScopePolicy(SupportEndpoints.AnyPolicy, HubScopes.SupportRequest, HubScopes.SupportHandle, HubScopes.SupportManage);
    }
}
