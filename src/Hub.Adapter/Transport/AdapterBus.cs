using Hub.Adapter.Inbox;
using Hub.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Transport;

/// <summary>
/// MassTransit on RabbitMQ within the platform broker user's permissions (configure, write and read only on names
/// matching <c>^platform\.{id}\.</c>): sends go to <c>platform.{id}.outbound</c>; the hub's messages arrive on the
/// durable quorum queue <c>platform.{id}.inbox</c> bound to the fanout exchange of the same name; the bus endpoint
/// (the temporary queue receiving responses) is named under the prefix too. No consume topology (message-type
/// exchanges) and no fault events are declared or published: the user may not create those names.
/// </summary>
internal static class AdapterBus
{
    public static void Add(IServiceCollection services)
    {
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.4+ reports usage telemetry to its vendor over the internet by default; a platform's adapter never does.
            bus.DisableUsageTelemetry();
            bus.AddConsumer<IdentitiesAssignedConsumer>();
            bus.AddConsumer<RemovalsHeldConsumer>();
            bus.AddConsumer<ChangesAvailableConsumer>();
            bus.AddConsumer<SnapshotRequestedConsumer>();
            bus.AddConsumer<ReconcileRequestedConsumer>();
            bus.AddConsumer<ReconciliationRangesRequestedConsumer>();
            bus.AddConsumer<ReconciliationCompletedConsumer>();
            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<HubAdapterOptions>>().Value;
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                    host.PublisherConfirmation = true;
                });
                // MassTransit writes indented JSON by default: whitespace in every thousand-person batch that the
                // adapter wrote, the broker carried and the hub parsed.
                cfg.ConfigureJsonSerializerOptions(json =>
                {
                    json.WriteIndented = false;
                    return json;
                });
                cfg.OverrideDefaultBusEndpointQueueName(ExchangeNames.Prefix(options.PlatformId) + "bus." + Guid.NewGuid().ToString("N")[..16]);
                cfg.ReceiveEndpoint(ExchangeNames.Inbox(options.PlatformId), endpoint =>
                {
                    endpoint.ConfigureConsumeTopology = false;
                    endpoint.PublishFaults = false;
                    endpoint.SetQuorumQueue();
                    endpoint.PrefetchCount = options.PrefetchCount;
                    // The sink's database or the store may be down for minutes: retry in place before the error queue.
                    endpoint.UseMessageRetry(retry => retry.Exponential(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2)));
                    endpoint.ConfigureConsumers(context);
                });
            });
        });
    }
}
