namespace Hub.Server.Regions;

/// <summary>
/// A region and everything below it. GB/T 2260 codes are hierarchical by prefix (44 province → 4403 city →
/// 440305 county), so a subtree is a contiguous range of codes: [440300, 440400) for 深圳市. Queries use that
/// range on an ordinary B-tree index.
/// </summary>
public sealed record RegionScope
{
    private RegionScope(string? prefix) => Prefix = prefix;

    /// <summary>The whole country (the national hub's operators).</summary>
    public static RegionScope National { get; } = new((string?)null);

    /// <summary>No region at all (vendor apps: they reach people only through consent, never by jurisdiction).</summary>
    public static RegionScope Nothing { get; } = new("-");

    /// <summary>Significant prefix; null for national.</summary>
    public string? Prefix { get; }

    public bool IsNational => Prefix is null;

    /// <summary>Inclusive lower bound of the code range.</summary>
    public string Lower => this == Nothing ? "" : (Prefix ?? "").PadRight(6, '0');

    /// <summary>Exclusive upper bound of the code range.</summary>
    public string Upper => this == Nothing ? "" : Prefix is null ? "999999~" : Increment(Prefix).PadRight(6, '0');

    /// <summary>The subtree of a 6-digit code: trailing "00" pairs are levels not specified.</summary>
    public static RegionScope Of(string? regionCode)
    {
        if (string.IsNullOrEmpty(regionCode) || regionCode == "000000")
        {
            return National;
        }
        var prefix = regionCode;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
        {
            prefix = prefix[..^2];
        }
        return new RegionScope(prefix);
    }

    /// <summary>
    /// The subtree of <paramref name="regionCode"/> when it is a known code inside this scope (null: this scope itself);
    /// otherwise nothing: a filter outside the caller's subtree is simply empty, never an error confirming it exists.
    /// </summary>
    public RegionScope Within(string? regionCode, RegionCatalog regions) =>
        regionCode is null ? this : regions.Exists(regionCode) && Contains(regionCode) ? Of(regionCode) : Nothing;

    public bool Contains(string? regionCode) =>
        Prefix is null || (regionCode is { Length: 6 } && regionCode.StartsWith(Prefix, StringComparison.Ordinal));

    private static string Increment(string digits)
    {
        var value = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) + 1;
        return value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits.Length, '0');
    }
}
