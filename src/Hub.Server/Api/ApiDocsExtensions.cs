using Scalar.AspNetCore;

namespace Hub.Server.Api;

public static class ApiDocsExtensions
{
    public static void AddHubApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Hub 开放接口 / Hub Open API";
            document.Info.Version = HubVersion.ContractVersion;
            document.Info.Description =
                "国家数字教育资源公共服务体系枢纽开放接口规范。The open interface spec of the national digital education resource hub.";
            return Task.CompletedTask;
        }));
    }

    public static void MapHubApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("Hub API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
    }
}
