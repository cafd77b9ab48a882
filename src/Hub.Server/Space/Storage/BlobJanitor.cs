using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Storage;

/// <summary>
/// Deletion on every backend. A deleted blob gets a "deleting" row for each configured backend (not only those known
/// to hold it: a write that timed out may still have landed); each row goes once its backend confirmed the removal,
/// and the blob row goes with the last one. What cannot be removed now is retried by <see cref="StorageMaintenance"/>.
/// </summary>
public sealed class BlobJanitor(HubDbContext db, BlobBackends backends, ReplicatedBlobStore store)
{
    /// <summary>Marks the blob deleted in the caller's unit of work (the caller saves).</summary>
    public async Task MarkDeletedAsync(SpaceBlob blob, DateTimeOffset now, CancellationToken ct)
    {
        blob.Status = BlobStatus.Deleted;
        blob.DeletedAt = now;
        var copies = await db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id).ToListAsync(ct);
        foreach (var backend in backends.All)
        {
            if (copies.FirstOrDefault(c => c.Backend == backend.Name) is { } copy)
            {
                copy.State = CopyState.Deleting;
                copy.UpdatedAt = now;
            }
            else
            {
                db.Add(new BlobCopy { BlobId = blob.Id, Backend = backend.Name, State = CopyState.Deleting, UpdatedAt = now, VerifiedAt = now });
            }
        }
    }

    /// <summary>Removes the blob's copies that are due for deletion; returns how many backends confirmed.</summary>
    public async Task<int> RemoveCopiesAsync(long blobId, CancellationToken ct)
    {
        var blob = await db.Set<SpaceBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == blobId, ct);
        if (blob is null)
        {
            return 0;
        }
        var due = await db.Set<BlobCopy>().AsNoTracking().Where(c => c.BlobId == blobId && c.State == CopyState.Deleting).ToListAsync(ct);
        var removed = new List<string>();
        foreach (var copy in due)
        {
            // A backend no longer configured cannot be reached from here; its row stays as a record for the operator.
            if (backends.Find(copy.Backend) is { } backend && await store.TryDeleteAsync(backend, blob.StorageKey, ct))
            {
                removed.Add(copy.Backend);
            }
        }
        if (removed.Count > 0)
        {
            await db.Set<BlobCopy>().Where(c => c.BlobId == blobId && c.State == CopyState.Deleting && removed.Contains(c.Backend)).ExecuteDeleteAsync(ct);
        }
        if (blob.Status == BlobStatus.Deleted && !await db.Set<BlobCopy>().AnyAsync(c => c.BlobId == blobId, ct))
        {
            await db.Set<SpaceBlob>().Where(b => b.Id == blobId && b.Status == BlobStatus.Deleted).ExecuteDeleteAsync(ct);
        }
        return removed.Count;
    }
}
