using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.V1;

namespace Hub.Adapter.Reconciliation;

// MD5 here is the spec's bucketing and checksum function (shared with the hub's SQL md5()), not a security measure.
#pragma warning disable CA5351

/// <summary>
/// The reconciliation digest of the data exchange spec, equal to the hub's SQL: a key's bucket is the first hex digits
/// of MD5(UTF-8 key) (lowercase); a bucket's digest is the XOR over its keys of the first 8 bytes of
/// MD5(UTF-8 "key:version") read as a big-endian 64-bit number, written as 16 lowercase hex digits. XOR makes it
/// independent of order, so keys can be streamed in any order without holding them.
/// </summary>
public sealed class Digest
{
    private readonly Dictionary<string, (long Count, ulong Xor)> buckets = new(StringComparer.Ordinal);
    private readonly HashSet<string> prefixes;
    private readonly int length;

    /// <summary>A digest over the buckets two hex digits below each of <paramref name="prefixes"/> ("" = the 256 top buckets).</summary>
    public Digest(IReadOnlyCollection<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        this.prefixes = new HashSet<string>(prefixes, StringComparer.Ordinal);
        var first = prefixes.FirstOrDefault();
        if (first is null || prefixes.Any(p => p.Length != first.Length || p.Length > 30 || !p.All(char.IsAsciiHexDigitLower)))
        {
            throw new ArgumentException("Prefixes must be lowercase hex digits, all of one length.", nameof(prefixes));
        }
        length = first.Length + 2;
    }

    /// <summary>Adds one key with its version.</summary>
    public void Add(string key, long version)
    {
        var bucket = KeyHash(key)[..length];
        if (!prefixes.Contains(bucket[..(length - 2)]))
        {
            return;
        }
        var contribution = Contribution(key, version);
        buckets[bucket] = buckets.TryGetValue(bucket, out var b) ? (b.Count + 1, b.Xor ^ contribution) : (1, contribution);
    }

    /// <summary>Every non-empty bucket, ordered by prefix.</summary>
    public IReadOnlyList<DigestBucket> Buckets() =>
        buckets.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new DigestBucket(b.Key, b.Value.Count, b.Value.Xor.ToString("x16", CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Lowercase hex MD5 of the UTF-8 key (what the bucket prefixes are taken from).</summary>
    public static string KeyHash(string key) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The first 8 bytes of MD5(UTF-8 "key:version") as a big-endian number.</summary>
    public static ulong Contribution(string key, long version)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(key + ":" + version.ToString(CultureInfo.InvariantCulture)), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
