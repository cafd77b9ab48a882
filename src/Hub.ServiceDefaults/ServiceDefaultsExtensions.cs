using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Hub.ServiceDefaults;

/// <summary>What every Hub host shares: telemetry, health checks and resilient HTTP clients.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of checks that only say the process is alive.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of checks that must pass before the host takes traffic (database, broker).</summary>
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddHubOpenTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    private static void AddHubOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Hub.*")
                // /metrics (MapDefaultEndpoints) for a Prometheus scraper; per-platform gauges come from the Hub.* meters.
                .AddPrometheusExporter());

        // Traces and exports only where a collector is configured: recording spans nobody receives costs
        // every request something and buys nothing.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName, "MassTransit", "Hub.*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
    }

    /// <summary>
    /// Maps <c>/health/live</c> (process up), <c>/health/ready</c> (dependencies reachable) and <c>/metrics</c> (Prometheus
    /// text format). Like the health checks, /metrics is for the operators' network: the load balancer does not route it.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
