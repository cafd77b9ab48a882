using System.Security.Cryptography;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Storage;

/// <summary>Each person's data key: created on first use (random, wrapped under the active master key), unwrapped per request.</summary>
public sealed class SpaceKeys(HubDbContext db, BlobCipher cipher, TimeProvider clock)
{
    public async Task<byte[]> DataKeyAsync(long personId, CancellationToken ct)
    {
        if (await FindAsync(personId, ct) is { } existing)
        {
            return cipher.Unwrap(personId, existing.MasterKeyId, existing.WrappedKey);
        }
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = cipher.Wrap(personId, key);
        // Two first uploads at once: one insert wins and both use the winner's key.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO space_person_keys (person_id, master_key_id, wrapped_key, created_at) VALUES ({personId}, {cipher.ActiveMasterKeyId}, {wrapped}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", ct);
        var stored = await FindAsync(personId, ct) ?? throw new InvalidOperationException("Person key vanished after insert.");
        return cipher.Unwrap(personId, stored.MasterKeyId, stored.WrappedKey);
    }

    private Task<SpacePersonKey?> FindAsync(long personId, CancellationToken ct) =>
        db.Set<SpacePersonKey>().AsNoTracking().FirstOrDefaultAsync(k => k.PersonId == personId, ct);
}
