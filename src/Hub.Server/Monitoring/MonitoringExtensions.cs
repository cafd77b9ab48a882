namespace Hub.Server.Monitoring;

public static class MonitoringExtensions
{
    public static void AddHubMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitoringOptions>()
            .Bind(builder.Configuration.GetSection(MonitoringOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), "Monitoring: SampleInterval ≥ 1 s, LiveInterval ≥ 200 ms, RawRetention ≥ 15 min ≤ MinuteRetention ≤ "
                + "QuarterRetention, lag thresholds ≥ 1, alert durations ≥ 0, Webhook:Url an absolute http(s) URL, webhook delays > 0")
            .ValidateOnStart();
        builder.Services.AddSingleton<HealthBoard>();
        builder.Services.AddScoped<HealthReader>();
        builder.Services.AddScoped<HealthHistory>();
        builder.Services.AddScoped<Alerts>();
        builder.Services.AddScoped<AlertEvaluator>();
        builder.Services.AddScoped<HealthQueries>();
        builder.Services.AddSingleton<HealthSampler>();
        builder.Services.AddSingleton<AlertWebhookSender>();
        builder.Services.AddHttpClient(AlertWebhookSender.ClientName);
        // The consumer of SupportServiceLevelBreached is registered with the bus (Exchange/ExchangeExtensions).
        if (builder.Configuration.GetValue(MonitoringOptions.SectionName + ":" + nameof(MonitoringOptions.Enabled), true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<HealthSampler>());
            builder.Services.AddHostedService(services => services.GetRequiredService<AlertWebhookSender>());
        }
    }

    public static void MapMonitoring(this WebApplication app)
    {
        app.MapMonitoringEndpoints();
        app.MapHealthPages();
    }
}
