using Hub.Server.Catalog.Procurement;
using Hub.Server.Catalog.Push;
using Hub.Server.Catalog.Review;
using Hub.Server.Oidc;
using Hub.Server.Api;

namespace Hub.Server.Catalog;

public static class CatalogExtensions
{
    public static void AddHubCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ResourceValidator>();
        builder.Services.AddScoped<ResourceWriter>();
        builder.Services.AddScoped<ResourceRemovals>();
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddScoped<ResourceReviews>();
        builder.Services.AddScoped<ResourcePushes>();
        builder.Services.AddScoped<ResourceInbox>();
        builder.Services.AddScoped<ResourceSpaceStates>();
        builder.Services.AddScoped<ResourceVendors>();
        builder.Services.AddScoped<Procurements>();
        // The provider withdraws its own resources (resources:write); reviewers withdraw those of their jurisdiction.
        builder.Services.AddAuthorizationBuilder()
            .AddScopePolicy(CatalogEndpoints.WithdrawPolicy, HubScopes.ResourcesWrite, HubScopes.ResourcesReview);
    }

    public static void MapHubCatalog(this WebApplication app)
    {
        app.MapCatalogEndpoints();
        app.MapResourcePushEndpoints();
        app.MapProcurementEndpoints();
    }
}
