using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Api;

public static class SystemEndpoints
{
    public static void MapSystemEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/api/docs")).ExcludeFromDescription();

        app.MapGroup("/api/v1/system")
            .WithTags("System 系统")
            .MapGet("/info", GetInfo)
            .WithName("GetSystemInfo")
            .WithSummary("枢纽版本信息 / Hub version information");
    }

    private static Ok<SystemInfo> GetInfo(TimeProvider clock) =>
        TypedResults.Ok(new SystemInfo("Hub", HubVersion.Current, HubVersion.ContractVersion, clock.GetUtcNow()));
}

/// <summary>What the hub says about itself.</summary>
public sealed record SystemInfo(string Name, string Version, string ContractVersion, DateTimeOffset ServerTime);
