using Hub.Server.Regions;

namespace Hub.Server.Organizations;

/// <summary>
/// 学校(机构)标识码: 10 digits = 2-digit type (11 kindergarten, 21 primary, 31 junior secondary, 34 senior secondary,
/// 36 vocational secondary, 41 higher education, 51 special education) + 2-digit province + 6-digit sequence.
/// </summary>
public static class SchoolCode
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(["11", "21", "31", "34", "36", "41", "51"], StringComparer.Ordinal);

    private static readonly HashSet<string> PrimaryOrSecondary = new(["21", "31", "34", "36"], StringComparer.Ordinal);

    public static bool IsPrimaryOrSecondaryType(string code) => code.Length == 10 && PrimaryOrSecondary.Contains(code[..2]);

    /// <summary>Null when valid; otherwise the error naming what is wrong.</summary>
    public static Problems.ErrorDefinition? Check(string? code, RegionCatalog regions)
    {
        if (code is not { Length: 10 } || !code.All(char.IsAsciiDigit))
        {
            return OrganizationErrors.SchoolCodeFormat;
        }
        if (!Types.Contains(code[..2]))
        {
            return OrganizationErrors.SchoolCodeType;
        }
        if (!regions.TryGet(code[2..4] + "0000", out var province) || province.Level != RegionLevel.Province)
        {
            return OrganizationErrors.SchoolCodeProvince;
        }
        return code[4..] == "000000" ? OrganizationErrors.SchoolCodeFormat : null;
    }
}
