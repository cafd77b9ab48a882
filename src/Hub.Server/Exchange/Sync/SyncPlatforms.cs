using System.Security.Claims;
using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Regions;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>A connected platform as the exchange consumers see it: its ids and the jurisdiction its records must fall in.</summary>
public sealed record SyncPlatform(string PublicId, string RegionCode, Caller Caller)
{
    /// <summary>The platform id person links are recorded under (the platform's OIDC client id, as through the API).</summary>
    public string LinkPlatformId => Caller.PlatformId;
}

/// <summary>
/// Establishes who sent a message: the exchange it was published to (<c>platform.{id}.outbound</c>, writable only by that
/// platform's broker user). The message's own <c>SourcePlatform</c> must agree. Messages the hub itself replays from the
/// dead-letter queue arrive through the platform's outbound exchange too, so the rule has no exception.
/// </summary>
public sealed partial class SyncPlatforms(HubDbContext db, RegionCatalog regions, ExchangeMetrics metrics, ILogger<SyncPlatforms> logger)
{
    /// <summary>The sending platform, or null (logged, and the message is dropped: it cannot be answered or applied).</summary>
    public async Task<(SyncPlatform? Platform, string? Refusal)> ResolveAsync(ConsumeContext context, string? claimed, CancellationToken ct)
    {
        var (platform, refusal) = await FindAsync(context, claimed, ct);
        if (platform is null)
        {
            LogRefused(logger, context.MessageId, refusal!);
        }
        else
        {
            metrics.Received(platform.PublicId);
        }
        return (platform, refusal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange message {MessageId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid? messageId, string reason);

    private async Task<(SyncPlatform? Platform, string? Refusal)> FindAsync(ConsumeContext context, string? claimed, CancellationToken ct)
    {
        var exchange = (context.ReceiveContext as RabbitMqBasicConsumeContext)?.Exchange;
        var sender = ExchangeNames.PlatformOfOutbound(exchange);
        if (sender is null)
        {
            return (null, $"not sent through a platform exchange ({exchange})");
        }
        if (!string.Equals(sender, claimed, StringComparison.Ordinal))
        {
            return (null, $"sourcePlatform {claimed} does not match the sending platform {sender}");
        }
        var (platform, status) = await LoadAsync(sender, ct);
        return platform is null ? (null, $"platform {sender} is not registered")
            : status is PlatformAccessStatus.Connected or PlatformAccessStatus.Approved ? (platform, null)
            : (null, $"platform {sender} is {status}");
    }

    /// <summary>A platform with credentials, as the exchange sees it, whatever its status (the caller decides what that allows).</summary>
    public async Task<(SyncPlatform? Platform, PlatformAccessStatus Status)> LoadAsync(string publicId, CancellationToken ct)
    {
        var access = await db.Set<PlatformAccess>().AsNoTracking().Where(a => a.PublicId == publicId)
            .Select(a => new { a.PublicId, a.RegionCode, a.Status, a.ClientId }).FirstOrDefaultAsync(ct);
        if (access?.ClientId is null)
        {
            return (null, default);
        }
        var caller = new Caller(access.ClientId, ClientKind.Platform, RegionScope.Of(access.RegionCode), new ClaimsPrincipal(new ClaimsIdentity()))
        {
            Level = regions.LevelOf(access.RegionCode),
            RegionCode = access.RegionCode,
        };
        return (new SyncPlatform(access.PublicId, access.RegionCode, caller), access.Status);
    }
}
