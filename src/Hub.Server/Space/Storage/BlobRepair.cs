using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Storage;

/// <summary>The work of one maintenance round (see <see cref="StorageMaintenance"/>), in batches of <see cref="SpaceStorageOptions.RepairBatch"/>.</summary>
public sealed partial class BlobRepair(HubDbContext db, BlobBackends backends, ReplicatedBlobStore store, BlobJanitor janitor,
    IOptions<SpaceStorageOptions> options, TimeProvider clock, ILogger<BlobRepair> logger)
{
    public async Task<MaintenanceReport> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();

        // Oldest first, so a backlog larger than one batch drains in the order the writes were abandoned.
        var abandoned = await db.Set<SpaceBlob>().Where(b => b.Status == BlobStatus.Writing && b.CreatedAt < now - o.AbandonedWriteAfter)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Take(o.RepairBatch).ToListAsync(ct);
        foreach (var blob in abandoned)
        {
            await janitor.MarkDeletedAsync(blob, now, ct);
        }
        await db.SaveChangesAsync(ct);

        var deleted = 0;
        foreach (var blobId in await db.Set<BlobCopy>().Where(c => c.State == CopyState.Deleting).Select(c => c.BlobId).Distinct()
                     .OrderBy(id => id).Take(o.RepairBatch).ToListAsync(ct))
        {
            deleted += await janitor.RemoveCopiesAsync(blobId, ct);
        }

        var (scrubbed, damaged) = await ScrubAsync(now - o.ScrubAfter, ct);

        var toRepair = await db.Set<BlobCopy>().Where(c => c.State == CopyState.Damaged).Select(c => c.BlobId).Distinct()
            .OrderBy(id => id).Take(o.RepairBatch).ToListAsync(ct);
        toRepair.AddRange(await db.Set<SpaceBlob>()
            .Where(b => b.Status == BlobStatus.Stored && db.Set<BlobCopy>().Count(c => c.BlobId == b.Id && c.State == CopyState.Ok) < o.Copies)
            .Select(b => b.Id).OrderBy(id => id).Take(o.RepairBatch).ToListAsync(ct));
        var (repaired, lost) = (0, 0);
        foreach (var blobId in toRepair.Distinct())
        {
            var written = await RepairAsync(blobId, ct);
            repaired += Math.Max(written, 0);
            lost += written < 0 ? 1 : 0;
        }
        return new MaintenanceReport(abandoned.Count, deleted, repaired, scrubbed, damaged, lost);
    }

    /// <summary>Copies written; -1 when no intact copy is left anywhere (the blob is lost and an operator must know).</summary>
    public async Task<int> RepairAsync(long blobId, CancellationToken ct)
    {
        var blob = await db.Set<SpaceBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == blobId && b.Status == BlobStatus.Stored, ct);
        if (blob is null)
        {
            return 0;
        }
        var copies = await db.Set<BlobCopy>().Where(c => c.BlobId == blobId && c.State != CopyState.Deleting).ToListAsync(ct);
        var now = clock.GetUtcNow();
        byte[]? data = null;
        // Copies believed intact first; a damaged one may have come back (a remounted disk) and serves as a last resort.
        foreach (var copy in copies.OrderBy(c => c.State == CopyState.Ok ? 0 : 1))
        {
            if (backends.Find(copy.Backend) is not { } backend)
            {
                continue;
            }
            var (check, bytes) = await store.FetchAsync(backend, blob.StorageKey, blob.StoredHash, ct);
            if (check == CopyCheck.Ok)
            {
                (data, copy.State, copy.VerifiedAt, copy.UpdatedAt) = (bytes, CopyState.Ok, now, now);
                break;
            }
            if (check is CopyCheck.Missing or CopyCheck.Corrupt && copy.State == CopyState.Ok)
            {
                (copy.State, copy.UpdatedAt) = (CopyState.Damaged, now);
            }
        }
        if (data is null)
        {
            await db.SaveChangesAsync(ct);
            LogLost(logger, blob.Id);
            return -1;
        }
        var written = 0;
        foreach (var copy in copies.Where(c => c.State == CopyState.Damaged))
        {
            if (backends.Find(copy.Backend) is { } backend && await store.TryPutAsync(backend, blob.StorageKey, data, ct))
            {
                (copy.State, copy.VerifiedAt, copy.UpdatedAt) = (CopyState.Ok, now, now);
                written++;
            }
        }
        // Still short of the configured copies (a backend keeps failing, or a write reached only the quorum): place
        // further copies on the next backends of the object's rendezvous order.
        var missing = options.Value.Copies - copies.Count(c => c.State == CopyState.Ok);
        foreach (var backend in backends.Placement(blob.StorageKey).Where(b => copies.All(c => c.Backend != b.Name)))
        {
            if (missing <= 0)
            {
                break;
            }
            if (await store.TryPutAsync(backend, blob.StorageKey, data, ct))
            {
                db.Add(new BlobCopy { BlobId = blob.Id, Backend = backend.Name, State = CopyState.Ok, UpdatedAt = now, VerifiedAt = now });
                written++;
                missing--;
            }
        }
        await db.SaveChangesAsync(ct);
        return written;
    }

    private async Task<(int Scrubbed, int Damaged)> ScrubAsync(DateTimeOffset verifiedBefore, CancellationToken ct)
    {
        var stale = await db.Set<BlobCopy>().Where(c => c.State == CopyState.Ok && c.VerifiedAt < verifiedBefore)
            .Join(db.Set<SpaceBlob>().Where(b => b.Status == BlobStatus.Stored), c => c.BlobId, b => b.Id, (c, b) => new { Copy = c, b.StorageKey, b.StoredHash })
            .OrderBy(x => x.Copy.VerifiedAt).Take(options.Value.RepairBatch).ToListAsync(ct);
        var (scrubbed, damaged) = (0, 0);
        var now = clock.GetUtcNow();
        foreach (var item in stale)
        {
            if (backends.Find(item.Copy.Backend) is not { } backend)
            {
                continue;
            }
            var (check, _) = await store.FetchAsync(backend, item.StorageKey, item.StoredHash, ct);
            if (check == CopyCheck.Ok)
            {
                (item.Copy.VerifiedAt, item.Copy.UpdatedAt) = (now, now);
                scrubbed++;
            }
            else if (check is CopyCheck.Missing or CopyCheck.Corrupt)
            {
                (item.Copy.State, item.Copy.UpdatedAt) = (CopyState.Damaged, now);
                damaged++;
            }
        }
        await db.SaveChangesAsync(ct);
        return (scrubbed, damaged);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Space blob {BlobId} has no intact copy on any backend")]
    private static partial void LogLost(ILogger logger, long blobId);
}
