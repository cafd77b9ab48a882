using Hub.Server.Space.Messages;
using Hub.Server.Space.Storage;

namespace Hub.UnitTests.Space;

public sealed class BlobBackendsTests
{
    private static BlobBackends Backends(params string[] names) =>
        new([.. names.Select(n => (IBlobBackend)new FileSystemBackend(n, "/nonexistent/" + n))], TimeProvider.System, TimeSpan.FromMinutes(5));

    [Fact]
    public void Placement_AddingABackend_MovesOnlyObjectsThatNowRankItFirst()
    {
        var three = Backends("a", "b", "c");
        var four = Backends("a", "b", "c", "d");
        var keys = Enumerable.Range(0, 2000).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToList();

        var moved = keys.Count(k => three.Placement(k)[0].Name != four.Placement(k)[0].Name);

        Assert.All(keys.Where(k => three.Placement(k)[0].Name != four.Placement(k)[0].Name), k => Assert.Equal("d", four.Placement(k)[0].Name));
        Assert.InRange(moved, 350, 650); // about a quarter
        Assert.InRange(keys.Count(k => three.Placement(k)[0].Name == "a"), 550, 780); // about a third each
    }

    [Fact]
    public void ForReading_FailedBackend_TriedLast()
    {
        var backends = Backends("a", "b", "c");
        const string key = "00aa11bb22cc33dd";
        var first = backends.ForReading(key, ["a", "b", "c"])[0].Name;

        backends.ReportFailure(first);

        Assert.Equal(first, backends.ForReading(key, ["a", "b", "c"])[^1].Name);
        backends.ReportSuccess(first);
        Assert.Equal(first, backends.ForReading(key, ["a", "b", "c"])[0].Name);
    }

    [Fact]
    public void Options_TooFewBackendsOrQuorumOfOne_Rejected()
    {
        var validator = new SpaceStorageOptionsValidator();
        var options = new SpaceStorageOptions
        {
            ActiveMasterKeyId = "m1", MasterKeys = { ["m1"] = Convert.ToBase64String(new byte[32]) }, WriteQuorum = 1, Copies = 1,
            Backends = { new BackendOptions { Name = "only", Kind = BackendKind.FileSystem, Root = "/x" } },
        };

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("at least two", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("WriteQuorum", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("440305", new[] { "", "44", "4403", "440305" })]
    [InlineData("440300", new[] { "", "44", "4403" })]
    [InlineData("110000", new[] { "", "11" })]
    public void AudiencePrefixes_AreTheRegionAndItsAncestors(string region, string[] expected) =>
        Assert.Equal(expected, AudienceResolver.Prefixes(region));

    [Theory]
    [InlineData("1700000000000000000.1.42", true)]
    [InlineData(null, true)]
    [InlineData("abc", false)]
    [InlineData("1.2.3", false)]
    [InlineData("-5.0.1", false)]
    public void InboxCursor_Decode(string? value, bool valid) => Assert.Equal(valid, InboxCursor.TryDecode(value, out _));
}
