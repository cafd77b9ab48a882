using Hub.Server.Regions;
using Hub.Testing;

namespace Hub.UnitTests.Regions;

public sealed class RegionCatalogTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Default;

    [Fact]
    public void TryGet_Chaoyang_IsCurrentCountyDirectlyUnderBeijing()
    {
        Assert.True(Catalog.TryGet("110105", out var region));
        Assert.Equal("朝阳区", region.Name);
        Assert.Equal(RegionLevel.County, region.Level);
        Assert.Equal("110000", region.ParentCode);
        Assert.True(region.IsCurrent);
        Assert.True(Catalog.IsWithin("110105", "110000"));
        Assert.Equal(["110000"], Catalog.Ancestors("110105").Select(r => r.Code));
    }

    [Fact]
    public void Ancestors_Nanshan_AreShenzhenThenGuangdong()
    {
        Assert.Equal(["440300", "440000"], Catalog.Ancestors("440305").Select(r => r.Code));
        Assert.Equal(["深圳市", "广东省"], Catalog.Ancestors("440305").Select(r => r.Name));
    }

    [Theory]
    [InlineData("110103", "崇文区")]
    [InlineData("542421", "那曲县")]
    [InlineData("130101", "市辖区")]
    public void Exists_RetiredCode_IsTrueButNotCurrent(string code, string name)
    {
        Assert.True(Catalog.Exists(code));
        Assert.False(Catalog.IsCurrent(code));
        Assert.True(Catalog.TryGet(code, out var region));
        Assert.Equal(name, region.Name);
        Assert.NotNull(region.ValidTo);
    }

    [Fact]
    public void TryGet_RetiredCountyUnderRetiredCity_KeepsItsOldParent()
    {
        Assert.True(Catalog.TryGet("542421", out var county));
        Assert.Equal("542400", county.ParentCode);
        Assert.False(Catalog.IsCurrent("542400"));
        Assert.True(Catalog.IsWithin("542421", "540000"));
    }

    [Theory]
    [InlineData("110100")]
    [InlineData("429000")]
    [InlineData("130171")]
    [InlineData("999999")]
    [InlineData("11010")]
    [InlineData("")]
    [InlineData(null)]
    public void Exists_PlaceholderZoneOrUnknownCode_IsFalse(string? code)
    {
        Assert.False(Catalog.Exists(code));
        Assert.False(Catalog.IsCurrent(code));
        Assert.Empty(Catalog.Ancestors(code));
        Assert.Empty(Catalog.Children(code));
    }

    [Theory]
    [InlineData("440305", "440305", true)]
    [InlineData("440305", "440300", true)]
    [InlineData("440305", "440000", true)]
    [InlineData("440300", "440305", false)]
    [InlineData("440305", "440100", false)]
    [InlineData("440305", "110000", false)]
    [InlineData("429004", "420000", true)]
    [InlineData("500229", "500000", true)]
    [InlineData("440305", "999999", false)]
    public void IsWithin_Pairs_FollowsTheTree(string code, string ancestor, bool expected) =>
        Assert.Equal(expected, Catalog.IsWithin(code, ancestor));

    [Fact]
    public void IsWithin_EveryRegion_IsWithinItselfAndEachAncestor()
    {
        foreach (var region in Catalog.All)
        {
            Assert.True(Catalog.IsWithin(region.Code, region.Code));
            foreach (var ancestor in Catalog.Ancestors(region.Code))
            {
                Assert.True(Catalog.IsWithin(region.Code, ancestor.Code));
                Assert.False(Catalog.IsWithin(ancestor.Code, region.Code));
            }
        }
    }

    [Fact]
    public void Children_Shenzhen_ListsItsDistrictsInCodeOrder()
    {
        var children = Catalog.Children("440300");
        Assert.Contains(children, r => r is { Code: "440305", Name: "南山区" });
        Assert.All(children, r => Assert.Equal("440300", r.ParentCode));
        Assert.Equal(children.Select(r => r.Code).Order(StringComparer.Ordinal), children.Select(r => r.Code));
    }

    [Fact]
    public void Children_Beijing_AreCountiesWithoutPlaceholderRows()
    {
        var children = Catalog.Children("110000");
        Assert.Contains(children, r => r.Code == "110105");
        Assert.All(children, r => Assert.Equal(RegionLevel.County, r.Level));
    }

    [Fact]
    public void All_Provinces_IncludeTaiwanHongKongMacaoAsCurrent()
    {
        var provinces = Catalog.All.Where(r => r.Level == RegionLevel.Province).ToList();
        Assert.Equal(34, provinces.Count);
        Assert.All(["710000", "810000", "820000"], code => Assert.True(Catalog.IsCurrent(code)));
    }

    [Fact]
    public void All_EveryRegion_HasConsistentShapeLevelAndParent()
    {
        Assert.True(Catalog.All.Count > 3000);
        foreach (var region in Catalog.All)
        {
            Assert.Matches("^[0-9]{6}$", region.Code);
            Assert.False(string.IsNullOrWhiteSpace(region.Name));
            var expectedLevel = region.Code.EndsWith("0000", StringComparison.Ordinal) ? RegionLevel.Province
                : region.Code.EndsWith("00", StringComparison.Ordinal) ? RegionLevel.City : RegionLevel.County;
            Assert.Equal(expectedLevel, region.Level);
            if (region.Level == RegionLevel.Province)
            {
                Assert.Null(region.ParentCode);
                continue;
            }
            Assert.True(Catalog.TryGet(region.ParentCode, out var parent), region.Code + " parent missing");
            Assert.True(parent.Level < region.Level);
            Assert.StartsWith(region.Code[..2], parent.Code, StringComparison.Ordinal);
            Assert.True(region.ValidFrom is null || region.ValidTo is null || region.ValidFrom < region.ValidTo);
        }
    }

    [Fact]
    public void DataFile_Codes_AreUniqueSortedAndParentsExist()
    {
        var lines = File.ReadAllLines(RepositoryRoot.File("src", "Hub.Server", "Regions", "Data", "gbt2260.csv"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var codes = rows.Select(r => r[0]).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        var known = codes.ToHashSet(StringComparer.Ordinal);
        Assert.All(rows.Where(r => r[3].Length > 0), r => Assert.Contains(r[3], known));
        Assert.Equal(Catalog.All.Count, codes.Count);
    }

    [Fact]
    public void Load_DuplicateCode_Throws()
    {
        const string csv = "code,name,level,parent_code,valid_from,valid_to\n110000,北京市,province,,,\n110000,北京市,province,,,\n";
        Assert.Throws<ArgumentException>(() => RegionCatalog.Load(new StringReader(csv)));
    }

    [Fact]
    public void Load_QuotedFieldsAndMonths_AreParsed()
    {
        const string csv = "code,name,level,parent_code,valid_from,valid_to\n110000,\"北京\"\"市\",province,,2002-12,2010-10\n";
        var region = Assert.Single(RegionCatalog.Load(new StringReader(csv)).All);
        Assert.Equal("北京\"市", region.Name);
        Assert.Equal(new DateOnly(2002, 12, 1), region.ValidFrom);
        Assert.Equal(new DateOnly(2010, 10, 1), region.ValidTo);
        Assert.False(region.IsCurrent);
    }
}
