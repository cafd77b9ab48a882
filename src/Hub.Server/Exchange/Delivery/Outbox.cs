using System.Text.Json;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Delivery;

/// <summary>
/// Adds messages to the caller's unit of work (outbox) and recognises messages already applied (inbox). Both write
/// through the same <see cref="HubDbContext"/> and so join the transaction of the change itself.
/// </summary>
public sealed class Outbox(HubDbContext db, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="message"/> (a Hub.Contracts record); it is published once the unit of work commits.</summary>
    public Guid Add<T>(T message) where T : class => Add(message, destination: null);

    /// <summary>Queues <paramref name="message"/> for one platform's inbox; it is sent once the unit of work commits.</summary>
    public Guid SendToPlatform<T>(string platformPublicId, T message) where T : class =>
        Add(message, Hub.Contracts.V1.ExchangeNames.Inbox(platformPublicId));

    private Guid Add<T>(T message, string? destination) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ContractTypes.IsContract(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T)} is not a Hub.Contracts message.", nameof(message));
        }
        var now = clock.GetUtcNow();
        var row = new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = typeof(T).FullName!,
            Body = JsonSerializer.Serialize(message, Json),
            Destination = destination,
            CreatedAt = now,
            AvailableAt = now,
        };
        db.Add(row);
        return row.MessageId;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> applies <paramref name="messageId"/> now. False when it already did: the
    /// caller skips the effects. Call it inside the transaction of the effects, so a rollback forgets the mark too.
    /// </summary>
    public async Task<bool> TryBeginAsync(string consumer, Guid messageId, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ({consumer}, {messageId}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            ct) == 1;
}

/// <summary>Only Hub.Contracts types are ever written or read back: the outbox never deserializes arbitrary types.</summary>
internal static class ContractTypes
{
    private static readonly System.Reflection.Assembly Contracts = typeof(Hub.Contracts.V1.CheckConnectivity).Assembly;

    public static bool IsContract(Type type) => type.Assembly == Contracts && type.IsClass && !type.IsAbstract;

    public static Type? Resolve(string name) => Contracts.GetType(name, throwOnError: false) is { } type && IsContract(type) ? type : null;
}
