using Hub.Server.Apps;
using Hub.Server.Regions;

namespace Hub.UnitTests.Apps;

public sealed class AppSelectionRuleTests
{
    [Fact]
    public void CoveringRegions_County_IsItselfItsCityAndItsProvince() =>
        Assert.Equal(["440305", "440300", "440000"], AppSelections.CoveringRegions("440305", RegionCatalog.Default));

    [Fact]
    public void CoveringRegions_CountyOfAMunicipality_IsItselfAndTheMunicipality() =>
        Assert.Equal(["110101", "110000"], AppSelections.CoveringRegions("110101", RegionCatalog.Default));

    [Fact]
    public void CoveringRegions_SiblingCity_IsNotAmongThem() =>
        Assert.DoesNotContain("440100", AppSelections.CoveringRegions("440305", RegionCatalog.Default));
}
