using Hub.Server.Exchange.Delivery;
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
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay>());

        // Users and permissions of platforms (PlatformCredentialIssuer) go through the management HTTP API.
        builder.Services.AddHttpClient<RabbitMqManagement>((services, http) =>
            RabbitMqManagement.Configure(http, services.GetRequiredService<IOptions<RabbitMqOptions>>().Value));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(EndpointPrefix, includeNamespace: false));
            bus.AddConsumer<CheckConnectivityConsumer>();

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
                cfg.ConfigureEndpoints(context);
            });
        });
    }
}
