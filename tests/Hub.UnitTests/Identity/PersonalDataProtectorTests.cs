using System.Security.Cryptography;
using System.Text;
using Hub.Server.Identity.Protection;
using Microsoft.Extensions.Options;

namespace Hub.UnitTests.Identity;

/// <summary>The protector keeps one HMAC and one AES-GCM instance per thread and key: results must not depend on that.</summary>
public sealed class PersonalDataProtectorTests
{
    private static readonly byte[] IndexKey = RandomNumberGenerator.GetBytes(32);
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static PersonalDataProtector Protector(string active) => new(Options.Create(new PersonalDataOptions
    {
        BlindIndexKey = Convert.ToBase64String(IndexKey),
        ActiveKeyId = active,
        EncryptionKeys = { ["a"] = KeyA, ["b"] = KeyB },
    }));

    [Fact]
    public void EncryptDecryptAndBlindIndex_FromManyThreadsAtOnce_EveryValueRoundTripsAndIndexesMatchTheOneShotHmac()
    {
        using var protector = Protector("a");
        var failures = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var value = "44030520100101" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var owner = "P" + i;
            var sealedValue = protector.Encrypt(value, owner);
            var expected = HMACSHA256.HashData(IndexKey, Encoding.UTF8.GetBytes("doc\u001f" + value));
            if (protector.Decrypt(sealedValue, owner) != value || !protector.BlindIndex("doc", value).AsSpan().SequenceEqual(expected))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Decrypt_UnderAnotherRecord_FailsAndTheThreadsCipherStillWorks()
    {
        using var protector = Protector("a");
        var sealedValue = protector.Encrypt("110101199003077777", "P1");

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(sealedValue, "P2"));
        Assert.Equal("110101199003077777", protector.Decrypt(sealedValue, "P1"));
    }

    [Fact]
    public void Decrypt_AfterTheActiveKeyChanged_ReadsValuesOfTheOlderKey()
    {
        using var before = Protector("a");
        using var after = Protector("b");
        var old = before.Encrypt("110101199003077777", "P1");

        var fresh = after.Encrypt("110101199003077777", "P1");

        Assert.Equal("a", old.KeyId);
        Assert.Equal("b", fresh.KeyId);
        Assert.Equal("110101199003077777", after.Decrypt(old, "P1"));
        Assert.Equal("110101199003077777", after.Decrypt(fresh, "P1"));
    }
}
