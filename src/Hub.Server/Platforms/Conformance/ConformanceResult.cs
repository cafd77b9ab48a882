namespace Hub.Server.Platforms.Conformance;

public enum Verdict
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One check of the conformance kit: a stable id (specs/access/conformance.md), its title in Chinese and
/// English, the verdict and what was found.</summary>
public sealed record ConformanceResult(string Id, string TitleZh, string TitleEn, Verdict Verdict, string Detail);

/// <summary>The kit's report on one platform.</summary>
public sealed record ConformanceReport(Uri Target, string? PlatformId, string? PlatformName, string? RegionCode, IReadOnlyList<ConformanceResult> Results)
{
    public bool Passed => Results.All(r => r.Verdict != Verdict.Fail);
}
