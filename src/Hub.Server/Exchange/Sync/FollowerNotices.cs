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
/// moved: one notice per committed batch and follower, in the batch's transaction, so it is published after the commit,
/// carrying the lowest version the batch can have written (the sequence's position when its transaction began). The
/// follower's adapter folds a burst of notices into one pull from the lowest of them. An earlier version kept one
/// notice waiting per follower; a batch that found it waiting could commit after it was published and stay unannounced
/// until the follower's interval pull.
/// </summary>
public sealed class FollowerNotices(HubDbContext db, Outbox outbox, SyncUnitOfWork unit, IMemoryCache cache, TimeProvider clock)
{
    public async Task NotifyAsync(SyncPlatform source, string stream, bool changed, CancellationToken ct)
    {
        if (!changed)
        {
            return;
        }
        var followers = (await ConnectedAsync(ct)).Where(f => f.PublicId != source.PublicId && RegionScope.Of(f.RegionCode).Contains(source.RegionCode))
            .Select(f => f.PublicId).ToList();
        await SendAsync(followers, [stream], unit.StartVersion + 1, ct);
    }

    /// <summary>
    /// Announces a change made through the API rather than a sync batch (a person or school registered or changed by a
    /// platform's client, an operator's merge, corrected document or accepted name) to every connected platform whose
    /// jurisdiction holds one of <paramref name="regionCodes"/>, the changed records' own platforms included: they
    /// learn of it without waiting for their interval pull. Call it before the change's last SaveChanges (the notices
    /// join its transaction), with the lowest change version the change writes. The outbox relay's poll (250 ms)
    /// publishes them; only the sync batches, whose answers the platforms wait for, wake it at once.
    /// </summary>
    public async Task NotifyRegionsAsync(IReadOnlyCollection<string> regionCodes, IReadOnlyList<string> streams, long fromVersion, CancellationToken ct)
    {
        var followers = (await ConnectedAsync(ct)).Where(f => regionCodes.Any(RegionScope.Of(f.RegionCode).Contains))
            .Select(f => f.PublicId).ToList();
        await SendAsync(followers, streams, fromVersion, ct);
    }

    private sealed record Connected(string PublicId, string RegionCode);

    private async Task<List<Connected>> ConnectedAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync("exchange:connected-platforms", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.Set<PlatformAccess>().AsNoTracking().Where(a => a.Status == PlatformAccessStatus.Connected)
                .Select(a => new Connected(a.PublicId, a.RegionCode)).ToListAsync(ct);
        }) ?? [];

    private async Task SendAsync(List<string> followers, IReadOnlyList<string> streams, long fromVersion, CancellationToken ct)
    {
        if (followers.Count == 0)
        {
            return;
        }
        var latest = await db.CurrentChangeVersionAsync(ct);
        foreach (var follower in followers)
        {
            foreach (var stream in streams)
            {
                outbox.SendToPlatform(follower, new ChangesAvailable(stream, latest, clock.GetUtcNow(), fromVersion));
            }
        }
    }
}
