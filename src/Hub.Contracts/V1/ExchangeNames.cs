namespace Hub.Contracts.V1;

/// <summary>
/// The broker names of the data exchange (数据交换规范 v1). A platform writes only to its own outbound exchange and
/// reads only its own inbox queue; the hub binds the outbound exchange to its inbound queue and recognises the sender
/// by the exchange a message was published to, never by a field of the message.
/// </summary>
public static class ExchangeNames
{
    /// <summary>The contract version carried by every batch.</summary>
    public const string SchemaVersion = "v1";

    /// <summary>The hub's receive endpoint (a quorum queue and its exchange) for everything platforms send.</summary>
    public const string HubInbound = "hub.inbound";

    /// <summary>The exchange a platform sends to: <c>platform.{platformId}.outbound</c>.</summary>
    public static string Outbound(string platformId) => $"platform.{platformId}.outbound";

    /// <summary>The quorum queue (and exchange of the same name) the hub sends a platform's messages to.</summary>
    public static string Inbox(string platformId) => $"platform.{platformId}.inbox";

    /// <summary>Prefix of every name a platform may configure, write or read.</summary>
    public static string Prefix(string platformId) => $"platform.{platformId}.";

    /// <summary>The platform id in an outbound exchange name, or null when the name is not one.</summary>
    public static string? PlatformOfOutbound(string? exchange) => PlatformOf(exchange, ".outbound");

    /// <summary>The platform id in an inbox name, or null when the name is not one.</summary>
    public static string? PlatformOfInbox(string? name) => PlatformOf(name, ".inbox");

    private static string? PlatformOf(string? exchange, string tail)
    {
        const string head = "platform.";
        if (exchange is null || !exchange.StartsWith(head, StringComparison.Ordinal) || !exchange.EndsWith(tail, StringComparison.Ordinal))
        {
            return null;
        }
        var id = exchange[head.Length..^tail.Length];
        return id.Length > 0 && !id.Contains('.', StringComparison.Ordinal) ? id : null;
    }
}
