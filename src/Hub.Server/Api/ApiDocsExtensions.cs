using Hub.Server.Api.Docs;
using Scalar.AspNetCore;

namespace Hub.Server.Api;

public static class ApiDocsExtensions
{
    public static void AddHubApiDocs(this WebApplicationBuilder builder)
    {
        // OpenAPI 3.1; committed as specs/api/openapi.json and compared with this output by OpenApiDocumentTests.
        builder.Services.AddOpenApi("v1", options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<DocumentShape>();
            options.AddOperationTransformer<OperationShape>();
            options.AddSchemaTransformer<SchemaShape>();
        });
    }

    public static void MapHubApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // Served from the hub alone: requests, tokens and real-name data stay between the browser and the hub (no
        // font CDN, telemetry, hosted agent or proxy); the hub is often on networks without a way out.
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("Hub API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(OperationShape.SecurityScheme)
            .ShowOperationId()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton());
    }
}
