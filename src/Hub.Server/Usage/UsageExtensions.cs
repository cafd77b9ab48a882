using Hub.Server.Space.Export;

namespace Hub.Server.Usage;

public static class UsageExtensions
{
    public static void AddHubUsage(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UsageIngest>();
        builder.Services.AddScoped<UsageQueries>();
        builder.Services.AddScoped<UsageHistory>();
        // After the space's own sections (registered by AddHubSpace): the export lists usage last.
        builder.Services.AddScoped<ISpaceExportSection, UsageExportSection>();
    }
}
