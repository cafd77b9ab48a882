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
