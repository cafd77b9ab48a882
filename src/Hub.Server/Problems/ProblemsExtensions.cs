using Microsoft.AspNetCore.Http.Json;

namespace Hub.Server.Problems;

public static class ProblemsExtensions
{
    public static void AddHubProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<HubExceptionHandler>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey("code"))
            {
                HubProblems.Decorate(problem, GeneralErrors.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            }
            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });

        // Binding failures throw so that HubExceptionHandler can name the field; without this they are
        // silent 400s with no body outside Development.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
    }

    public static void UseHubProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
