using Hub.Contracts.V1;
using Hub.Server.Catalog;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Exchange.Sync;
using Hub.Server.Usage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Hub.Server.Exchange;

public static class ExchangeExtensions
{
    /// <summary>Queue names are prefixed so that the hub's endpoints are recognisable on a shared broker.</summary>
    public const string EndpointPrefix = "hub";

    public static void AddHubExchange(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RabbitMqOptions>()
            .Bind(builder.Configuration.GetSection(RabbitMqOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Transactional outbox (written with the change) and its relay; the inbox rides on the same Outbox service.
        builder.Services.AddOptions<OutboxOptions>()
            .Bind(builder.Configuration.GetSection(OutboxOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is >= 1 and <= 10_000 && o.RetryDelay > TimeSpan.Zero
                && o.MaxRetryDelay >= o.RetryDelay && o.PublishTimeout > TimeSpan.Zero,
                "Outbox: PollInterval, RetryDelay and PublishTimeout > 0, BatchSize 1–10000, MaxRetryDelay ≥ RetryDelay")
            .ValidateOnStart();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay>());

        // Users and permissions of platforms (PlatformCredentialIssuer) go through the management HTTP API.
        builder.Services.AddHttpClient<RabbitMqManagement>((services, http) =>
            RabbitMqManagement.Configure(http, services.GetRequiredService<IOptions<RabbitMqOptions>>().Value));

        builder.Services.AddOptions<SyncOptions>()
            .Bind(builder.Configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.DeletionThreshold is > 0 and <= 1 && o.DeletionWindow > TimeSpan.Zero && o.DeletionFloor >= 0 && o.RepairRangeSize >= 1,
                "Exchange: DeletionThreshold in (0, 1], DeletionWindow > 0, DeletionFloor ≥ 0, RepairRangeSize ≥ 1")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ExchangeMetrics>();
        builder.Services.AddScoped<SyncPlatforms>();
        builder.Services.AddScoped<SyncUnitOfWork>();
        builder.Services.AddScoped<PeopleBulkWriter>();
        builder.Services.AddScoped<PeopleSync>();
        builder.Services.AddScoped<PeopleRemovals>();
        builder.Services.AddScoped<OrganizationSync>();
        builder.Services.AddScoped<Reconciliation>();
        builder.Services.AddScoped<FollowerNotices>();
        builder.Services.AddScoped<ChangeFeed>();
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddScoped<ExchangeOperations>();
        builder.Services.AddHostedService<PlatformTopologyStartup>();

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8.4+ reports usage telemetry to its vendor over the internet by default; the hub never does.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(EndpointPrefix, includeNamespace: false));
            bus.AddConsumer<CheckConnectivityConsumer>();
            // Alerting: support breaches arrive on their own conventional endpoint (hub-support-breach).
            bus.AddConsumer<Monitoring.SupportBreachConsumer>();
            // Everything platforms send arrives on one endpoint (hub.inbound), configured below, not by convention.
            bus.AddConsumer<PeopleChangedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<PeopleRemovedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<KeysChangedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<OrganizationsChangedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<OrganizationsRemovedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<HeartbeatConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<ReconciliationReportedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<ReconciliationKeysReportedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<ResourcesChangedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<ResourcesRemovedConsumer>().ExcludeFromConfigureEndpoints();
            bus.AddConsumer<UsageRecordedConsumer>().ExcludeFromConfigureEndpoints();

            // Quorum queues: replicated and durable once the broker is a cluster.
            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }
            });

            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                cfg.PrefetchCount = options.PrefetchCount;
                // MassTransit writes indented JSON by default; answers of a thousand records carry no whitespace.
                cfg.ConfigureJsonSerializerOptions(json =>
                {
                    json.WriteIndented = false;
                    return json;
                });
                cfg.ReceiveEndpoint(ExchangeNames.HubInbound, endpoint =>
                {
                    endpoint.SetQuorumQueue();
                    endpoint.ConfigureConsumeTopology = false;
                    endpoint.ConcurrentMessageLimit = options.InboundConcurrency;
                    // Transient failures (a database restart) are retried in place; what still fails goes to
                    // hub.inbound_error with the reason in its headers and never blocks the queue.
                    endpoint.UseMessageRetry(retry => retry.Intervals(200, 1000, 5000));
                    endpoint.ConfigureConsumer<PeopleChangedConsumer>(context);
                    endpoint.ConfigureConsumer<PeopleRemovedConsumer>(context);
                    endpoint.ConfigureConsumer<KeysChangedConsumer>(context);
                    endpoint.ConfigureConsumer<OrganizationsChangedConsumer>(context);
                    endpoint.ConfigureConsumer<OrganizationsRemovedConsumer>(context);
                    endpoint.ConfigureConsumer<HeartbeatConsumer>(context);
                    endpoint.ConfigureConsumer<ReconciliationReportedConsumer>(context);
                    endpoint.ConfigureConsumer<ReconciliationKeysReportedConsumer>(context);
                    endpoint.ConfigureConsumer<ResourcesChangedConsumer>(context);
                    endpoint.ConfigureConsumer<ResourcesRemovedConsumer>(context);
                    endpoint.ConfigureConsumer<UsageRecordedConsumer>(context);
                    endpoint.ConfigureConsumer<CheckConnectivityConsumer>(context);
                    // Adapters before v1's topology published connectivity checks by message type.
                    endpoint.Bind<CheckConnectivity>();
                });
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
