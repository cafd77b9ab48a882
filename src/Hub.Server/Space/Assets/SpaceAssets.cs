using System.Security.Cryptography;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Space.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Assets;

/// <summary>
/// A person's data assets: upload (quota reserved under a per-person lock, copies written to a quorum of backends, the
/// file visible only once the quorum confirmed), verified reads with damage reported for repair, and deletion from
/// every backend. Content is deduplicated per person only (see <see cref="BlobCipher"/>).
/// </summary>
public sealed class SpaceAssets(HubDbContext db, SpaceKeys keys, ReplicatedBlobStore store, BlobJanitor janitor, StorageSignal signal,
    AuditLog audit, TimeProvider clock, IOptions<SpaceStorageOptions> options)
{
    public async Task<(FileView? File, ErrorDefinition? Error)> UploadAsync(SpacePerson owner, FileUpload upload, CancellationToken ct)
    {
        var hash = SHA256.HashData(upload.Content);
        var dataKey = await keys.DataKeyAsync(owner.Id, ct);
        SpaceBlob blob;
        byte[] stored;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Serializes one person's uploads so two at once cannot both fit into the last free bytes.
            await LockOwnerAsync(owner.Id, ct);
            var existing = await db.Set<SpaceBlob>().FirstOrDefaultAsync(
                b => b.OwnerPersonId == owner.Id && b.ContentHash == hash && b.Status != BlobStatus.Deleted, ct);
            if (existing is { Status: BlobStatus.Writing })
            {
                return (null, SpaceErrors.UploadInProgress);
            }
            if (existing is not null)
            {
                var copy = AddFile(owner, upload, existing);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (View(copy, existing), null);
            }
            if (await UsedBytesAsync(owner.Id, ct) + upload.Content.Length > options.Value.QuotaBytes)
            {
                return (null, SpaceErrors.QuotaExceeded);
            }
            blob = new SpaceBlob { OwnerPersonId = owner.Id, ContentHash = hash, Size = upload.Content.Length, Status = BlobStatus.Writing, CreatedAt = clock.GetUtcNow() };
            db.Add(blob);
            await db.SaveChangesAsync(ct);
            blob.StorageKey = BlobCipher.StorageKey(dataKey, hash, blob.Id);
            stored = BlobCipher.Encrypt(dataKey, blob.StorageKey, upload.Content);
            blob.StoredHash = SHA256.HashData(stored);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var confirmed = await store.WriteAsync(blob.StorageKey, stored, ct);
        var now = clock.GetUtcNow();
        if (confirmed is null)
        {
            // Never visible: the reservation becomes a deletion on every backend, in case a copy outlived the rollback.
            await janitor.MarkDeletedAsync(blob, now, CancellationToken.None);
            audit.Record(owner.Actor, "space.file.upload", "person", owner.HubId, "refused: no quorum");
            await db.SaveChangesAsync(CancellationToken.None);
            signal.Wake();
            return (null, SpaceErrors.StorageWriteFailed);
        }
        blob.Status = BlobStatus.Stored;
        foreach (var backend in confirmed)
        {
            db.Add(new BlobCopy { BlobId = blob.Id, Backend = backend, State = CopyState.Ok, UpdatedAt = now, VerifiedAt = now });
        }
        var file = AddFile(owner, upload, blob);
        await db.SaveChangesAsync(CancellationToken.None);
        if (confirmed.Count < options.Value.Copies)
        {
            signal.Wake();
        }
        return (View(file, blob), null);
    }

    public async Task<FileList> ListAsync(long ownerId, CancellationToken ct)
    {
        var items = await WithBlobsAsync(OwnFiles(ownerId).OrderByDescending(f => f.CreatedAt).Take(1000), ct);
        return new FileList([.. items.OrderByDescending(x => x.File.CreatedAt).Select(x => View(x.File, x.Blob))], await QuotaAsync(ownerId, ct));
    }

    public async Task<QuotaView> QuotaAsync(long ownerId, CancellationToken ct) =>
        new(await UsedBytesAsync(ownerId, ct), options.Value.QuotaBytes, options.Value.MaxFileBytes);

    public async Task<FileView?> FindAsync(long ownerId, Guid id, CancellationToken ct) =>
        (await WithBlobsAsync(OwnFiles(ownerId).Where(f => f.Id == id), ct)) is [var x] ? View(x.File, x.Blob) : null;

    /// <summary>The file and its verified plaintext; an error when no intact copy could be read. Null file: not the owner's.</summary>
    public async Task<(FileView? File, byte[]? Content, ErrorDefinition? Error)> ReadAsync(long ownerId, Guid id, CancellationToken ct)
    {
        if (await WithBlobsAsync(OwnFiles(ownerId).Where(f => f.Id == id), ct) is not [var found])
        {
            return (null, null, null);
        }
        var (file, blob) = (found.File, found.Blob);
        var holders = await db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id && c.State != CopyState.Deleting).Select(c => c.Backend).ToListAsync(ct);
        var read = await store.ReadAsync(blob.StorageKey, blob.StoredHash, holders, ct);
        var damaged = read.Tried.Where(t => t.Check is CopyCheck.Missing or CopyCheck.Corrupt).Select(t => t.Backend).ToList();
        if (damaged.Count > 0)
        {
            await db.Set<BlobCopy>().Where(c => c.BlobId == blob.Id && damaged.Contains(c.Backend) && c.State == CopyState.Ok)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CopyState.Damaged).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct);
            signal.Wake();
        }
        var plaintext = read.Data is null ? null : BlobCipher.Decrypt(await keys.DataKeyAsync(ownerId, ct), blob.StorageKey, read.Data);
        if (plaintext is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(plaintext), blob.ContentHash))
        {
            return (View(file, blob), null, SpaceErrors.StorageReadFailed);
        }
        return (View(file, blob), plaintext, null);
    }

    /// <summary>Removes the file; the last file of a content deletes the content from every backend. False: not the owner's.</summary>
    public async Task<bool> DeleteAsync(SpacePerson owner, Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The upload's lock: a concurrent upload of the same content cannot attach a new file to a blob being deleted.
        await LockOwnerAsync(owner.Id, ct);
        var file = await db.Set<SpaceFile>().FirstOrDefaultAsync(f => f.Id == id && f.OwnerPersonId == owner.Id, ct);
        if (file is null)
        {
            return false;
        }
        db.Remove(file);
        SpaceBlob? orphan = null;
        if (!await db.Set<SpaceFile>().AnyAsync(f => f.BlobId == file.BlobId && f.Id != file.Id, ct))
        {
            orphan = await db.Set<SpaceBlob>().FirstAsync(b => b.Id == file.BlobId, ct);
            await janitor.MarkDeletedAsync(orphan, clock.GetUtcNow(), ct);
        }
        audit.Record(owner.Actor, "space.file.delete", "person", owner.HubId, "deleted", purpose: file.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (orphan is not null)
        {
            await janitor.RemoveCopiesAsync(orphan.Id, ct);
        }
        return true;
    }

    private SpaceFile AddFile(SpacePerson owner, FileUpload upload, SpaceBlob blob)
    {
        var file = new SpaceFile
        {
            Id = Guid.CreateVersion7(), OwnerPersonId = owner.Id, BlobId = blob.Id, Name = upload.Name, ContentType = upload.ContentType,
            Category = upload.Category, Size = upload.Content.Length, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(file);
        audit.Record(owner.Actor, "space.file.upload", "person", owner.HubId, "stored", purpose: file.Id.ToString());
        return file;
    }

    private Task<int> LockOwnerAsync(long ownerId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended('hub-space-owner', {ownerId}))", ct);

    private Task<long> UsedBytesAsync(long ownerId, CancellationToken ct) =>
        db.Set<SpaceBlob>().Where(b => b.OwnerPersonId == ownerId && b.Status != BlobStatus.Deleted).SumAsync(b => b.Size, ct);

    private IQueryable<SpaceFile> OwnFiles(long ownerId) => db.Set<SpaceFile>().AsNoTracking().Where(f => f.OwnerPersonId == ownerId);

    private async Task<List<(SpaceFile File, SpaceBlob Blob)>> WithBlobsAsync(IQueryable<SpaceFile> files, CancellationToken ct) =>
        [.. (await files.Join(db.Set<SpaceBlob>().AsNoTracking(), f => f.BlobId, b => b.Id, (f, b) => new { f, b }).ToListAsync(ct))
            .Select(x => (x.f, x.b))];

    private static FileView View(SpaceFile f, SpaceBlob b) =>
        new(f.Id, f.Name, f.ContentType, AssetCategories.Name(f.Category), f.Size, Convert.ToHexStringLower(b.ContentHash), f.CreatedAt);
}
