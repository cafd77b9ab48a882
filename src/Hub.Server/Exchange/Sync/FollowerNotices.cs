using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// Tells the platforms above a changed one (a province above its cities, the national level above all) that the feed
/// moved. At most one notice per follower and stream waits in the outbox at a time: a burst of batches is one pull.
/// </summary>
public sealed class FollowerNotices(HubDbContext db, Outbox outbox, IMemoryCache cache, TimeProvider clock)
{
    private static readonly string NoticeType = typeof(ChangesAvailable).FullName!;

    public async Task NotifyAsync(SyncPlatform source, string stream, bool changed, CancellationToken ct)
    {
        if (!changed)
        {
            return;
        }
        var connected = await cache.GetOrCreateAsync("exchange:connected-platforms", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.Set<PlatformAccess>().AsNoTracking().Where(a => a.Status == PlatformAccessStatus.Connected)
                .Select(a => new { a.PublicId, a.RegionCode }).ToListAsync(ct);
        }) ?? [];
        var followers = connected.Where(f => f.PublicId != source.PublicId && RegionScope.Of(f.RegionCode).Contains(source.RegionCode))
            .Select(f => ExchangeNames.Inbox(f.PublicId)).ToList();
        if (followers.Count == 0)
        {
            return;
        }
        var waiting = await db.Set<OutboxMessage>().Where(m => m.PublishedAt == null && m.MessageType == NoticeType && followers.Contains(m.Destination!))
            .Select(m => m.Destination).ToListAsync(ct);
        var latest = await db.Database.SqlQueryRaw<long>($"SELECT last_value AS \"Value\" FROM {HubDbContext.ChangeVersionSequence}").SingleAsync(ct);
        foreach (var inbox in followers.Except(waiting))
        {
            var publicId = inbox!["platform.".Length..^".inbox".Length];
            outbox.SendToPlatform(publicId, new ChangesAvailable(stream, latest, clock.GetUtcNow()));
        }
    }
}
