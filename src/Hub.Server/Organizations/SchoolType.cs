namespace Hub.Server.Organizations;

/// <summary>The school types of the notice's attachment 3, in its order.</summary>
public enum SchoolType
{
    PrimaryFiveYear = 1,
    PrimarySixYear = 2,
    JuniorSecondary = 3,
    VocationalMiddle = 4,
    NineYear = 5,
    SeniorSecondary = 6,
    VocationalHigh = 7,
    Complete = 8,
}

public static class SchoolTypes
{
    private static readonly (SchoolType Type, string Zh, string En, string[] CodeTypes)[] Table =
    [
        (SchoolType.PrimaryFiveYear, "小学（5年）", "Primary school (5 years)", ["21"]),
        (SchoolType.PrimarySixYear, "小学（6年）", "Primary school (6 years)", ["21"]),
        (SchoolType.JuniorSecondary, "普通初中", "Junior secondary school", ["31"]),
        (SchoolType.VocationalMiddle, "职业中学", "Vocational middle school", ["31", "36"]),
        (SchoolType.NineYear, "九年一贯", "Nine-year school", ["21", "31"]),
        (SchoolType.SeniorSecondary, "普通高中", "Senior secondary school", ["34"]),
        (SchoolType.VocationalHigh, "职业高中", "Vocational high school", ["36"]),
        (SchoolType.Complete, "完全中学", "Complete secondary school", ["31", "34"]),
    ];

    /// <summary>The label as the notice writes it (full-width parentheses).</summary>
    public static string Label(SchoolType type) => Table.First(t => t.Type == type).Zh;

    public static string EnglishLabel(SchoolType type) => Table.First(t => t.Type == type).En;

    public static IReadOnlyList<SchoolType> All { get; } = [.. Table.Select(t => t.Type)];

    /// <summary>Accepts the notice's label (half-width parentheses and surrounding spaces tolerated).</summary>
    public static SchoolType? Parse(string? label)
    {
        var normalized = label?.Trim().Replace('(', '（').Replace(')', '）').Replace(" ", "", StringComparison.Ordinal);
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Zh, normalized, StringComparison.Ordinal))
            {
                return entry.Type;
            }
        }
        return null;
    }

    /// <summary>Whether a school of this type may carry a code with these type digits (e.g. 普通高中 → 34).</summary>
    public static bool FitsCodeType(SchoolType type, string codeType) => Table.First(t => t.Type == type).CodeTypes.Contains(codeType);
}
