using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hub.Server.Identity.Protection;

/// <summary>
/// Blind indexes (HMAC-SHA256 of a normalized value, scoped by kind) and AES-256-GCM encryption bound to the
/// owning record through associated data, so a ciphertext copied to another row does not decrypt.
/// </summary>
public sealed class PersonalDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _indexKey;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var value = options.Value;
        _indexKey = Convert.FromBase64String(value.BlindIndexKey);
        _keys = value.EncryptionKeys.ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value), StringComparer.Ordinal);
        _activeKeyId = value.ActiveKeyId;
    }

    public string ActiveKeyId => _activeKeyId;

    /// <summary>The lookup key of a value. <paramref name="scope"/> keeps equal strings of different kinds apart.</summary>
    public byte[] BlindIndex(string scope, string normalizedValue)
    {
        var input = Encoding.UTF8.GetBytes(scope + "\u001f" + normalizedValue);
        return HMACSHA256.HashData(_indexKey, input);
    }

    public ProtectedValue Encrypt(string plaintext, string associatedData)
    {
        var key = _keys[_activeKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Aad(associatedData));
        CryptographicOperations.ZeroMemory(plain);
        return new ProtectedValue(_activeKeyId, output);
    }

    public string Decrypt(ProtectedValue value, string associatedData)
    {
        if (!_keys.TryGetValue(value.KeyId, out var key))
        {
            throw new CryptographicException($"Encryption key '{value.KeyId}' is not configured.");
        }
        var data = value.Ciphertext;
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Ciphertext too short.");
        }
        var length = data.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, length), data.AsSpan(NonceSize + length), plain, Aad(associatedData));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(string associatedData) => Encoding.UTF8.GetBytes(associatedData);
}
