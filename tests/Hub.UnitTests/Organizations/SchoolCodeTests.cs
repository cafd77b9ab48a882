using System.Globalization;
using Hub.Server.Organizations;
using Hub.Server.Regions;

namespace Hub.UnitTests.Organizations;

public sealed class SchoolCodeTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.Default;

    [Fact]
    public void Check_EveryTypeAndEveryProvince_Accepted()
    {
        var provinces = Regions.All.Where(r => r.Level == RegionLevel.Province && r.IsCurrent).ToList();
        var random = new Random(2260);
        foreach (var type in SchoolCode.Types)
        {
            foreach (var province in provinces)
            {
                var code = type + province.Code[..2] + random.Next(1, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                Assert.Null(SchoolCode.Check(code, Regions));
            }
        }
    }

    [Fact]
    public void Check_RandomTenDigitStrings_AcceptedExactlyWhenTypeAndProvinceAreReal()
    {
        var random = new Random(11643);
        for (var i = 0; i < 20_000; i++)
        {
            var code = random.NextInt64(0, 10_000_000_000).ToString("D10", CultureInfo.InvariantCulture);
            var expected = SchoolCode.Types.Contains(code[..2])
                && Regions.TryGet(code[2..4] + "0000", out var p) && p.Level == RegionLevel.Province
                && code[4..] != "000000";
            Assert.Equal(expected, SchoolCode.Check(code, Regions) is null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("214401234")]
    [InlineData("21440123456")]
    [InlineData("214401234X")]
    [InlineData("２１４４０１２３４５")]
    [InlineData("2144000000")]
    public void Check_Malformed_ReportsFormat(string? code) =>
        Assert.Equal(OrganizationErrors.SchoolCodeFormat, SchoolCode.Check(code, Regions));

    [Theory]
    [InlineData("2144012345", true)]
    [InlineData("3144012345", true)]
    [InlineData("3444012345", true)]
    [InlineData("3644012345", true)]
    [InlineData("1144012345", false)]
    [InlineData("4144012345", false)]
    [InlineData("5144012345", false)]
    public void IsPrimaryOrSecondaryType_ByTypeDigits(string code, bool expected) =>
        Assert.Equal(expected, SchoolCode.IsPrimaryOrSecondaryType(code));
}

public sealed class BandwidthTests
{
    [Theory]
    [InlineData("100M", 100)]
    [InlineData(" 20m ", 20)]
    [InlineData("1000000M", 1_000_000)]
    public void Parse_NoticeFormat_ReturnsMbps(string text, int mbps) => Assert.Equal(mbps, Bandwidth.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("M")]
    [InlineData("100")]
    [InlineData("100Mbps")]
    [InlineData("0M")]
    [InlineData("1000001M")]
    [InlineData("-5M")]
    [InlineData("1.5M")]
    [InlineData("１００M")]
    public void Parse_AnythingElse_ReturnsNull(string? text) => Assert.Null(Bandwidth.Parse(text));
}

public sealed class SchoolTypesTests
{
    [Theory]
    [InlineData("小学（5年）", SchoolType.PrimaryFiveYear)]
    [InlineData("小学(6年)", SchoolType.PrimarySixYear)]
    [InlineData(" 完全中学 ", SchoolType.Complete)]
    public void Parse_NoticeLabels_Accepted(string label, SchoolType type) => Assert.Equal(type, SchoolTypes.Parse(label));

    [Fact]
    public void Label_RoundTripsForEveryType()
    {
        foreach (var type in SchoolTypes.All)
        {
            Assert.Equal(type, SchoolTypes.Parse(SchoolTypes.Label(type)));
        }
    }
}
