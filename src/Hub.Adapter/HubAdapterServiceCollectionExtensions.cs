using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Adapter;

/// <summary>Registers the adapter in a platform's service collection.</summary>
public static class HubAdapterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the adapter: options from <paramref name="configuration"/> section <see cref="HubAdapterOptions.SectionName"/>
    /// (validated at start), the MassTransit bus to the hub's RabbitMQ, and <see cref="IHubConnection"/>.
    /// </summary>
    public static IServiceCollection AddHubAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubAdapterOptions>()
            .Bind(configuration.GetSection(HubAdapterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("adapter", includeNamespace: false));
            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<HubAdapterOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        services.AddScoped<IHubConnection, HubConnection>();
        return services;
    }
}
