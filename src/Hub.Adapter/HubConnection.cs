using System.Reflection;
using Hub.Adapter.Transport;
using Hub.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Hub.Adapter;

/// <summary>
/// Request/response with the hub over the broker: the request goes to the platform's outbound exchange, the answer
/// comes back to the bus endpoint's temporary queue, which is also named under the platform's prefix.
/// </summary>
internal sealed class HubConnection(IBusControl bus, IClientFactory clients, IOptions<HubAdapterOptions> options, TimeProvider clock) : IHubConnection
{
    internal static string AdapterVersion { get; } =
        typeof(HubConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    public async Task<ConnectivityChecked> CheckConnectivityAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        // The answer comes back to the bus endpoint's queue; asked before the bus has connected and declared it (the
        // host does not wait for the broker at start, so that it can start while the broker is down), the hub would
        // answer into an exchange that does not exist yet.
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, settings.RequestTimeout).ConfigureAwait(false) != BusHealthStatus.Healthy)
        {
            throw new HubUnreachableException($"The adapter was not connected to the broker within {settings.RequestTimeout}.");
        }
        var request = new CheckConnectivity(NewId.NextGuid(), settings.PlatformId, AdapterVersion, clock.GetUtcNow());
        var timeout = RequestTimeout.After(ms: (int)settings.RequestTimeout.TotalMilliseconds);
        var client = clients.CreateRequestClient<CheckConnectivity>(MassTransitOutbound.OutboundAddress(settings.PlatformId), timeout);
        try
        {
            var response = await client.GetResponse<ConnectivityChecked>(request, cancellationToken).ConfigureAwait(false);
            return response.Message;
        }
        catch (RequestTimeoutException ex)
        {
            throw new HubUnreachableException(
                $"The hub did not answer a connectivity check within {settings.RequestTimeout}.", ex);
        }
    }
}
