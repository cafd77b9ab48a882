using Hub.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Transport;

/// <summary>Sends one message to the platform's outbound exchange and completes when the broker confirmed it.</summary>
internal interface IOutboundTransport
{
    Task SendAsync(object message, Type messageType, Guid messageId, CancellationToken ct);
}

/// <summary>
/// MassTransit over RabbitMQ: always Send to <c>exchange:platform.{id}.outbound</c> (never Publish, whose message-type
/// exchanges the platform's broker user may not declare). Publisher confirms are on, so the returned task completes
/// only after the broker has taken the message.
/// </summary>
internal sealed class MassTransitOutbound(IBus bus, IOptions<HubAdapterOptions> options) : IOutboundTransport
{
    public Uri Address { get; } = OutboundAddress(options.Value.PlatformId);

    public static Uri OutboundAddress(string platformId) => new($"exchange:{ExchangeNames.Outbound(platformId)}");

    public async Task SendAsync(object message, Type messageType, Guid messageId, CancellationToken ct)
    {
        var endpoint = await bus.GetSendEndpoint(Address).ConfigureAwait(false);
        await endpoint.Send(message, messageType, Pipe.Execute<SendContext>(context => context.MessageId = messageId), ct).ConfigureAwait(false);
    }
}
