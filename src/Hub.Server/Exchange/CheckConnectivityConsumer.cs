using Hub.Contracts.V1;
using Hub.Server.Api;
using MassTransit;

namespace Hub.Server.Exchange;

/// <summary>Answers an adapter's connectivity check over the broker.</summary>
public sealed class CheckConnectivityConsumer(TimeProvider clock) : IConsumer<CheckConnectivity>
{
    public Task Consume(ConsumeContext<CheckConnectivity> context)
    {
        var receivedAt = clock.GetUtcNow();
        return context.RespondAsync(new ConnectivityChecked(
            context.Message.CorrelationId,
            HubVersion.Current,
            HubVersion.ContractVersion,
            receivedAt,
            clock.GetUtcNow()));
    }
}
