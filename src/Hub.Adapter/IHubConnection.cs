using Hub.Contracts.V1;

namespace Hub.Adapter;

/// <summary>The adapter's view of the hub over the exchange transport.</summary>
public interface IHubConnection
{
    /// <summary>
    /// Sends <see cref="CheckConnectivity"/> and waits for the hub's <see cref="ConnectivityChecked"/>.
    /// Throws <see cref="HubUnreachableException"/> when the hub does not answer within the configured timeout.
    /// </summary>
    Task<ConnectivityChecked> CheckConnectivityAsync(CancellationToken cancellationToken = default);
}
