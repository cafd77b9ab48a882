using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Storage;

/// <summary>
/// Encryption at rest, per person. Each person has a random 256-bit data key, stored only wrapped (AES-256-GCM) under a
/// master key from configuration; from it two keys are derived with HKDF: one encrypts objects, one names them.
/// <list type="bullet">
/// <item>Content is addressed by the SHA-256 of the plaintext in the database (what the API shows and every read verifies).</item>
/// <item>The object name is HMAC(naming key, content hash ‖ blob id): two people storing the same file produce unrelated
/// names, and the same person's re-upload after a deletion gets a new name, so a pending deletion never hits it.</item>
/// <item>Objects are AES-256-GCM with a random nonce and the object name as associated data: equal plaintexts give
/// unrelated ciphertexts across (and within) persons, and a copy moved under another name fails authentication.</item>
/// </list>
/// No convergent encryption and no cross-person deduplication: both would let whoever sees the storage tell that two
/// people hold the same file. Deleting a person's wrapped key makes all their objects unreadable (crypto-shredding).
/// </summary>
public sealed class BlobCipher(IOptions<SpaceStorageOptions> options)
{
    private static readonly byte[] Magic = "HSB1"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string ActiveMasterKeyId => options.Value.ActiveMasterKeyId;

    public byte[] Wrap(long personId, ReadOnlySpan<byte> dataKey)
    {
        var wrapped = new byte[NonceSize + dataKey.Length + TagSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(MasterKey(ActiveMasterKeyId), TagSize);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(NonceSize, dataKey.Length), wrapped.AsSpan(NonceSize + dataKey.Length), WrapContext(personId));
        return wrapped;
    }

    public byte[] Unwrap(long personId, string masterKeyId, byte[] wrapped)
    {
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(MasterKey(masterKeyId), TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize, key.Length), wrapped.AsSpan(NonceSize + key.Length), key, WrapContext(personId));
        return key;
    }

    /// <summary>Lowercase hex object name of a blob (64 characters).</summary>
    public static string StorageKey(byte[] dataKey, byte[] contentHash, long blobId)
    {
        var input = new byte[contentHash.Length + 8];
        contentHash.CopyTo(input, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(contentHash.Length), blobId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Derive(dataKey, "name"), input));
    }

    public static byte[] Encrypt(byte[] dataKey, string storageKey, ReadOnlySpan<byte> plaintext)
    {
        var stored = new byte[Magic.Length + NonceSize + plaintext.Length + TagSize];
        Magic.CopyTo(stored, 0);
        var nonce = stored.AsSpan(Magic.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Derive(dataKey, "encrypt"), TagSize);
        var body = Magic.Length + NonceSize;
        aes.Encrypt(nonce, plaintext, stored.AsSpan(body, plaintext.Length), stored.AsSpan(body + plaintext.Length), Encoding.ASCII.GetBytes(storageKey));
        return stored;
    }

    /// <summary>The plaintext, or null when the object is not one of ours for this name and key (tampered, swapped, truncated).</summary>
    public static byte[]? Decrypt(byte[] dataKey, string storageKey, ReadOnlySpan<byte> stored)
    {
        var body = Magic.Length + NonceSize;
        if (stored.Length < body + TagSize || !stored[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }
        var plaintext = new byte[stored.Length - body - TagSize];
        using var aes = new AesGcm(Derive(dataKey, "encrypt"), TagSize);
        try
        {
            aes.Decrypt(stored.Slice(Magic.Length, NonceSize), stored.Slice(body, plaintext.Length), stored[^TagSize..], plaintext,
                Encoding.ASCII.GetBytes(storageKey));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private byte[] MasterKey(string id) => options.Value.MasterKeys.TryGetValue(id, out var key)
        ? Convert.FromBase64String(key)
        : throw new InvalidOperationException($"Space master key '{id}' is not configured; it is needed to read data wrapped under it.");

    private static byte[] WrapContext(long personId) => Encoding.ASCII.GetBytes("hub-space/person-key/" + personId);

    private static byte[] Derive(byte[] dataKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: Encoding.ASCII.GetBytes("hub-space/v1/" + purpose));
}
