using Hub.Server.Identity.Documents;
using Hub.Server.Regions;

namespace Hub.UnitTests.Identity.Documents;

/// <summary>Random but reproducible (fixed seed) valid ID numbers for property-style tests.</summary>
internal sealed class IdNumberGenerator(int seed)
{
    public static readonly DateOnly Today = new(2025, 6, 15);

    private static readonly Region[] Regions = [.. RegionCatalog.Default.All];

    private static readonly int Days = Today.DayNumber - new DateOnly(1900, 1, 1).DayNumber;

    private readonly Random _random = new(seed);

    public Region NextRegion() => Regions[_random.Next(Regions.Length)];

    public DateOnly NextBirthDate() => new DateOnly(1900, 1, 1).AddDays(_random.Next(Days + 1));

    public int NextSequence() => _random.Next(1000);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public string NextIdNumber() => ResidentIdNumber.Compose(NextRegion().Code, NextBirthDate(), NextSequence());
}
