using System.Globalization;

namespace Hub.Server.Pilot;

/// <summary>
/// The notice's rule (二、（二）4): at least 85% of the region's primary and secondary schools are pilot schools. Both
/// numbers come from the registry; the comparison is in whole numbers so 84.99% never rounds up to a pass.
/// </summary>
public static class PilotCoverage
{
    public const int RequiredPercent = 85;

    public static bool Meets(int pilotSchools, int allSchools) =>
        allSchools > 0 && pilotSchools * 100L >= allSchools * (long)RequiredPercent;

    /// <summary>The percentage with one decimal, rounded down (so a shown "85.0%" always passes), e.g. "84.9%".</summary>
    public static string Percent(int pilotSchools, int allSchools)
    {
        if (allSchools <= 0)
        {
            return "0.0%";
        }
        var tenths = pilotSchools * 1000L / allSchools;
        return (tenths / 10m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }
}
