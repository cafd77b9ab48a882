using Hub.Adapter.Reconciliation;
using Hub.Testing;
using Npgsql;

namespace Hub.Adapter.Tests;

public sealed class DigestTests
{
    [Fact]
    public void Buckets_KnownVector_Md5BucketAndFirstEightBytes()
    {
        // md5("a") = 0cc175b9…, md5("a:1") = 9ef12b2e76052ea0 1bf394a7… (coreutils md5sum).
        var digest = new Digest([""]);
        digest.Add("a", 1);

        Assert.Equal([new Hub.Contracts.V1.DigestBucket("0c", 1, "9ef12b2e76052ea0")], digest.Buckets());
    }

    [Fact]
    public async Task Buckets_SameKeysAsHubSql_EqualDigests()
    {
        var keys = Enumerable.Range(0, 2000).Select(i => ($"P{i:D6}学", (long)(i * 7 + 1))).ToList();
        var digest = new Digest([""]);
        foreach (var (key, version) in keys)
        {
            digest.Add(key, version);
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        // The hub's formula in SQL: bucket = left(md5(key), 2); digest = bit_xor of the first 16 hex digits of md5(key:version).
        await using var command = new NpgsqlCommand("""
            SELECT left(md5(k), 2) AS bucket, count(*), lpad(to_hex(bit_xor(('x' || left(md5(k || ':' || v), 16))::bit(64)::bigint)), 16, '0')
            FROM unnest($1::text[], $2::bigint[]) AS t(k, v) GROUP BY 1 ORDER BY 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Item1).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Item2).ToArray() });
        var expected = new List<(string, long, string)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        Assert.Equal(expected, digest.Buckets().Select(b => (b.Prefix, b.Count, b.Digest)).ToList());
    }

    [Fact]
    public void Buckets_ReorderedInput_SameDigests()
    {
        var random = new Random(20240611);
        for (var round = 0; round < 25; round++)
        {
            var keys = Enumerable.Range(0, random.Next(1, 3000)).Select(i => ($"k{random.Next()}-{i}", (long)random.Next(1, 1_000_000))).ToList();
            var first = new Digest([""]);
            keys.ForEach(k => first.Add(k.Item1, k.Item2));
            var second = new Digest([""]);
            keys.OrderBy(_ => random.Next()).ToList().ForEach(k => second.Add(k.Item1, k.Item2));

            Assert.Equal(first.Buckets(), second.Buckets());
        }
    }

    [Fact]
    public void Buckets_ChangedVersion_ChangesOnlyItsBucket()
    {
        var keys = Enumerable.Range(0, 500).Select(i => "key" + i).ToList();
        var before = new Digest([""]);
        var after = new Digest([""]);
        foreach (var key in keys)
        {
            before.Add(key, 1);
            after.Add(key, key == "key42" ? 2 : 1);
        }

        var differing = before.Buckets().Zip(after.Buckets()).Where(p => p.First != p.Second).Select(p => p.First.Prefix).ToList();

        Assert.Equal([Digest.KeyHash("key42")[..2]], differing);
    }

    [Fact]
    public void Buckets_UnderPrefixes_OnlySubBucketsOfThosePrefixes()
    {
        var digest = new Digest(["0c", "ff"]);
        digest.Add("a", 1);   // md5 0cc1…
        digest.Add("b", 1);   // md5 92eb… (outside)

        var bucket = Assert.Single(digest.Buckets());

        Assert.Equal("0cc1", bucket.Prefix);
        Assert.Equal(1, bucket.Count);
    }
}
