using Hub.Server.Api;
using Hub.Server.Problems;

namespace Hub.UnitTests.Api;

public sealed class RegionCursorTests
{
    [Fact]
    public void TrimPage_OneRowMoreThanLimit_DropsItAndPointsAfterTheLastKept()
    {
        var items = new List<(string, long)> { ("440305", 1), ("440305", 2), ("440306", 3) };

        var next = RegionCursor.TrimPage(items, 2, x => x);

        Assert.Equal(2, items.Count);
        Assert.Equal(("440305", 2L), RegionCursor.Decode(next));
    }

    [Fact]
    public void TrimPage_LastPage_KeepsAllAndReturnsNull()
    {
        var items = new List<(string, long)> { ("440305", 1) };

        Assert.Null(RegionCursor.TrimPage(items, 2, x => x));
        Assert.Single(items);
    }

    [Theory]
    [InlineData(null, 0, "limit")]
    [InlineData(null, 1001, "limit")]
    [InlineData("%%%", 10, "after")]
    public void CheckPaging_BadParameter_NamesIt(string? after, int limit, string field)
    {
        var errors = new List<FieldError>();

        RegionCursor.CheckPaging(after, limit, errors);

        Assert.Equal(field, Assert.Single(errors).Field);
    }
}
