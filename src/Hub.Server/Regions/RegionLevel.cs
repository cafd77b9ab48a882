namespace Hub.Server.Regions;

/// <summary>The three GB/T 2260 levels: 省级 / 地级 / 县级.</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}
