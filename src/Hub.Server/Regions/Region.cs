namespace Hub.Server.Regions;

/// <summary>
/// One GB/T 2260 code. <see cref="ValidFrom"/> and <see cref="ValidTo"/> have month precision (the first day of the
/// month of a source snapshot) and are bounds, not legal dates: see tools/regions/README.md.
/// </summary>
/// <param name="Code">Six digits.</param>
/// <param name="Name">The name in the newest snapshot listing the code.</param>
/// <param name="Level">Follows from the code's shape: xx0000, xxxx00, anything else.</param>
/// <param name="ParentCode">Null for a province. Counties of municipalities and province-administered counties hang
/// directly under the province (the "市辖区" / "省直辖县级行政区划" grouping rows are not regions).</param>
/// <param name="ValidFrom">First snapshot listing the code; null when the earliest snapshot (2002-12) already did.</param>
/// <param name="ValidTo">First snapshot no longer listing it; null while the code is current.</param>
public sealed record Region(
    string Code,
    string Name,
    RegionLevel Level,
    string? ParentCode,
    DateOnly? ValidFrom,
    DateOnly? ValidTo)
{
    /// <summary>Listed in the newest snapshot. A retired code still identifies where an old ID was registered.</summary>
    public bool IsCurrent => ValidTo is null;
}
