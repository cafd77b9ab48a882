using System.Text;
using System.Text.Json;
using Hub.Contracts.V1;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Hub.Server.Exchange.Sync;

/// <summary>A message that failed on hub.inbound after its retries, with the reason MassTransit recorded.</summary>
public sealed record DeadLetter(string? MessageId, string? MessageType, string? SourcePlatform, string Reason, string? FaultedAt);

/// <summary>
/// The inbound endpoint's dead letters (<c>hub.inbound_error</c>). Replay takes each message, sends it again through its
/// platform's outbound exchange (so the sender is established as for any message) with its original message id, waits
/// for the broker's confirm and only then acknowledges the dead letter: a crash in between repeats a message, which the
/// inbox recognises, and never loses one.
/// </summary>
public sealed class DeadLetters(IOptions<RabbitMqOptions> options)
{
    public const string Queue = ExchangeNames.HubInbound + "_error";

    public Task<List<DeadLetter>> ListAsync(int limit, CancellationToken ct) => WhileQueueStartsAsync(() => ListOnceAsync(limit, ct), ct);

    /// <summary>Replays up to <paramref name="max"/> dead letters; those without a sending platform stay, moved to the back.</summary>
    public Task<(int Replayed, int Kept)> ReplayAsync(int max, CancellationToken ct) => WhileQueueStartsAsync(() => ReplayOnceAsync(max, ct), ct);

    /// <summary>
    /// The error queue is a quorum queue declared with the first dead letter, and its record exists a moment before its
    /// process runs: a basic.get in between is refused with noproc (541, closing the connection; seen under load right
    /// after the first dead letter). Nothing was taken then, so the operation starts again on a new connection, for a
    /// few seconds at most.
    /// </summary>
    private static async Task<T> WhileQueueStartsAsync<T>(Func<Task<T>> operation, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e)
                when (attempt < 10 && e.ShutdownReason is { ReplyCode: 541 } reason && reason.ReplyText.Contains("noproc", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    private async Task<List<DeadLetter>> ListOnceAsync(int limit, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var letters = new List<DeadLetter>();
        if (!await ExistsAsync(connection, ct))
        {
            return letters;
        }
        var taken = new List<ulong>();
        try
        {
            while (letters.Count < limit && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } result)
            {
                taken.Add(result.DeliveryTag);
                letters.Add(Describe(result.BasicProperties, result.Body.Span));
            }
        }
        finally
        {
            // Reading is a look: every message goes back, in order.
            if (taken.Count > 0 && channel.IsOpen)
            {
                await channel.BasicNackAsync(taken[^1], multiple: true, requeue: true, CancellationToken.None);
            }
        }
        return letters;
    }

    private async Task<(int Replayed, int Kept)> ReplayOnceAsync(int max, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        if (!await ExistsAsync(connection, ct))
        {
            return (0, 0);
        }
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var pending = (await channel.QueueDeclarePassiveAsync(Queue, ct)).MessageCount;
        var (replayed, kept) = (0, 0);
        for (var i = 0; i < Math.Min(pending, max) && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } result; i++)
        {
            var letter = Describe(result.BasicProperties, result.Body.Span);
            var properties = new BasicProperties(result.BasicProperties)
            {
                Headers = result.BasicProperties.Headers?.Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            var target = letter.SourcePlatform is { } platform && ExchangeNames.PlatformOfOutbound(ExchangeNames.Outbound(platform)) == platform
                ? ExchangeNames.Outbound(platform) : null;
            // Publishing waits for the confirm (tracking is on), then the dead letter is acknowledged.
            await channel.BasicPublishAsync(target ?? "", target is null ? Queue : "", mandatory: false, target is null ? new BasicProperties(result.BasicProperties) : properties,
                result.Body, ct);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, ct);
            if (target is null)
            {
                kept++;
            }
            else
            {
                replayed++;
            }
        }
        return (replayed, kept);
    }

    private static DeadLetter Describe(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        string? Header(string name) => properties.Headers?.TryGetValue(name, out var value) == true
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() : null;
        string? type = null, source = null, messageId = properties.MessageId;
        try
        {
            using var envelope = JsonDocument.Parse(body.ToArray());
            var root = envelope.RootElement;
            if (root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
            {
                type = types[0].GetString();
            }
            if (root.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String)
            {
                messageId ??= id.GetString();
            }
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("sourcePlatform", out var platform) && platform.ValueKind == JsonValueKind.String)
            {
                source = platform.GetString();
            }
        }
        catch (JsonException)
        {
            // Not even JSON: listed with what the headers say.
        }
        var reason = Header("MT-Fault-Message") ?? Header("MT-Reason") ?? "unknown";
        return new DeadLetter(messageId, type, source, reason, Header("MT-Fault-Timestamp"));
    }

    /// <summary>The error queue appears with the first dead letter; a passive declare on its own channel tells.</summary>
    private static async Task<bool> ExistsAsync(IConnection connection, CancellationToken ct)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await probe.QueueDeclarePassiveAsync(Queue, ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    private Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        var o = options.Value;
        return new ConnectionFactory { HostName = o.Host, Port = o.Port, VirtualHost = o.VirtualHost, UserName = o.Username, Password = o.Password }
            .CreateConnectionAsync("hub-dead-letters", ct);
    }
}
