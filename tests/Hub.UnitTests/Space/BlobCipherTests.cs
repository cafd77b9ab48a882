using System.Security.Cryptography;
using Hub.Server.Space.Storage;
using Microsoft.Extensions.Options;

namespace Hub.UnitTests.Space;

public sealed class BlobCipherTests
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(4096);

    private static BlobCipher Cipher(out SpaceStorageOptions options)
    {
        options = new SpaceStorageOptions { ActiveMasterKeyId = "m1", MasterKeys = { ["m1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } };
        return new BlobCipher(Options.Create(options));
    }

    [Fact]
    public void Encrypt_SameContentTwoPeople_UnrelatedNamesAndCiphertexts()
    {
        var (alice, bob) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var hash = SHA256.HashData(Content);

        var (nameA, nameB) = (BlobCipher.StorageKey(alice, hash, 1), BlobCipher.StorageKey(bob, hash, 1));
        var (a, b) = (BlobCipher.Encrypt(alice, nameA, Content), BlobCipher.Encrypt(bob, nameB, Content));

        Assert.NotEqual(nameA, nameB);
        Assert.NotEqual(a[4..], b[4..]);
        Assert.Equal(64, nameA.Length);
        Assert.Equal(Content, BlobCipher.Decrypt(alice, nameA, a));
    }

    [Fact]
    public void Encrypt_SamePersonTwice_DifferentCiphertextAndNewBlobIdNewName()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var hash = SHA256.HashData(Content);

        Assert.NotEqual(BlobCipher.Encrypt(key, "ab12cd34", Content), BlobCipher.Encrypt(key, "ab12cd34", Content));
        Assert.NotEqual(BlobCipher.StorageKey(key, hash, 1), BlobCipher.StorageKey(key, hash, 2));
        Assert.Equal(BlobCipher.StorageKey(key, hash, 7), BlobCipher.StorageKey(key, hash, 7));
    }

    [Fact]
    public void Decrypt_FlippedBitWrongNameOrWrongKey_Null()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var stored = BlobCipher.Encrypt(key, "ab12cd34", Content);
        var flipped = (byte[])stored.Clone();
        flipped[100] ^= 1;

        Assert.Null(BlobCipher.Decrypt(key, "ab12cd34", flipped));
        Assert.Null(BlobCipher.Decrypt(key, "ab12cd35", stored));
        Assert.Null(BlobCipher.Decrypt(RandomNumberGenerator.GetBytes(32), "ab12cd34", stored));
        Assert.Null(BlobCipher.Decrypt(key, "ab12cd34", stored.AsSpan(0, 20)));
    }

    [Fact]
    public void Wrap_UnwrapsOnlyForTheSamePerson()
    {
        var cipher = Cipher(out _);
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = cipher.Wrap(42, key);

        Assert.Equal(key, cipher.Unwrap(42, "m1", wrapped));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unwrap(43, "m1", wrapped));
        Assert.Throws<InvalidOperationException>(() => cipher.Unwrap(42, "m2", wrapped));
    }
}
