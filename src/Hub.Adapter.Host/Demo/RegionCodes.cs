namespace Hub.Adapter.Host.Demo;

/// <summary>A current GB/T 2260 county with its name.</summary>
internal sealed record County(string Code, string Name);

/// <summary>The GB/T 2260 codes the hub ships (embedded from src/Hub.Server/Regions/Data), for real county codes.</summary>
internal static class RegionCodes
{
    private static readonly Lazy<List<(string Code, string Name, string Level, bool Current)>> All = new(Load);

    /// <summary>Current counties inside <paramref name="region"/> (a province, city or county code), in code order.</summary>
    public static IReadOnlyList<County> CountiesUnder(string region)
    {
        var prefix = region.EndsWith("0000", StringComparison.Ordinal) ? region[..2] : region.EndsWith("00", StringComparison.Ordinal) ? region[..4] : region;
        var counties = All.Value
            .Where(r => r.Current && r.Level == "county" && r.Code.StartsWith(prefix, StringComparison.Ordinal) && r.Name != "市辖区")
            .Select(r => new County(r.Code, r.Name))
            .ToList();
        return counties.Count > 0 ? counties : throw new ArgumentException($"No current county under region {region}.", nameof(region));
    }

    private static List<(string, string, string, bool)> Load()
    {
        using var stream = typeof(RegionCodes).Assembly.GetManifestResourceStream("Hub.Adapter.Host.gbt2260.csv")
            ?? throw new InvalidOperationException("Embedded GB/T 2260 codes missing.");
        using var reader = new StreamReader(stream);
        var rows = new List<(string, string, string, bool)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            // code,name,level,parent_code,valid_from,valid_to — names hold no commas.
            var f = line.Split(',');
            rows.Add((f[0], f[1], f[2], f.Length < 6 || f[5].Length == 0));
        }
        return rows;
    }
}
