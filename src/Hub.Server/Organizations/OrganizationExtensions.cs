namespace Hub.Server.Organizations;

public static class OrganizationExtensions
{
    public static void AddHubOrganizations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrganizationValidator>();
        builder.Services.AddScoped<OrganizationDirectory>();
        builder.Services.AddScoped<SchoolImport>();
    }
}
