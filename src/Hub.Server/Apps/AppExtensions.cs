using Hub.Server.Oidc;

namespace Hub.Server.Apps;

public static class AppExtensions
{
    public static void AddHubApps(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AppValidator>();
        builder.Services.AddScoped<AppClients>();
        builder.Services.AddScoped<AppRegistry>();
        builder.Services.AddScoped<AppApplications>();
        builder.Services.AddScoped<AppReviews>();
        builder.Services.AddScoped<AppSelections>();
        builder.Services.AddScoped<IAppSelection>(services => services.GetRequiredService<AppSelections>());
    }

    public static void MapHubAppEndpoints(this WebApplication app)
    {
        app.MapAppEndpoints();
        app.MapAppReviewEndpoints();
        app.MapAppConsoleEndpoints();
    }
}
