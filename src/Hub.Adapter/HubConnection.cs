using System.Reflection;
using Hub.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Hub.Adapter;

internal sealed class HubConnection(
    IRequestClient<CheckConnectivity> client,
    IOptions<HubAdapterOptions> options,
    TimeProvider clock) : IHubConnection
{
    internal static string AdapterVersion { get; } =
        typeof(HubConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    public async Task<ConnectivityChecked> CheckConnectivityAsync(CancellationToken cancellationToken = default)
    {
        var request = new CheckConnectivity(NewId.NextGuid(), options.Value.PlatformId, AdapterVersion, clock.GetUtcNow());
        try
        {
            var response = await client.GetResponse<ConnectivityChecked>(
                request, cancellationToken, RequestTimeout.After(ms: (int)options.Value.RequestTimeout.TotalMilliseconds)).ConfigureAwait(false);
            return response.Message;
        }
        catch (RequestTimeoutException ex)
        {
            throw new HubUnreachableException(
                $"The hub did not answer a connectivity check within {options.Value.RequestTimeout}.", ex);
        }
    }
}
