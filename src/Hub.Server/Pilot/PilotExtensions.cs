using Hub.Server.Api;
using Hub.Server.Oidc;

namespace Hub.Server.Pilot;

public static class PilotExtensions
{
    /// <summary>Reads (list, view, export, review summary) are open to applicants, experts and the centre alike.</summary>
    public const string AnyPolicy = "pilot:any";

    public static void AddHubPilot(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PilotOptions>()
            .Bind(builder.Configuration.GetSection(PilotOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<PilotSchoolCheck>();
        builder.Services.AddScoped<PilotValidator>();
        builder.Services.AddScoped<PilotApplications>();
        builder.Services.AddScoped<PilotQueries>();
        builder.Services.AddScoped<PilotReview>();
        builder.Services.AddScoped<PilotExports>();
        builder.Services.AddScoped<IPilotOnboarding, PilotOnboarding>();
        builder.Services.AddAuthorizationBuilder()
            .AddScopePolicy(AnyPolicy, HubScopes.PilotApply, HubScopes.PilotReview, HubScopes.PilotDecide);
    }
}
