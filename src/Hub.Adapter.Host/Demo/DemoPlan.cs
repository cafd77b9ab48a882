using System.Globalization;

namespace Hub.Adapter.Host.Demo;

/// <summary>A school of the demo platform.</summary>
internal sealed record DemoSchool(string Code, string Name, string TypeLabel, string TypeDigits, string County, int Classes);

/// <summary>
/// The demo platform's content: schools of the region, then its people — the shared slice first (people of another
/// seed living under this region, with this platform's own local ids), then its own — and who belongs to which school.
/// </summary>
internal sealed class DemoPlan
{
    private static readonly (string Digits, string Label, string Suffix)[] Kinds =
        [("21", "小学（6年）", "小学"), ("31", "普通初中", "初级中学"), ("34", "普通高中", "高级中学")];

    private readonly DemoSettings settings;
    private readonly Dictionary<string, List<DemoSchool>> byType;

    public DemoPlan(DemoSettings settings)
    {
        this.settings = settings;
        var counties = RegionCodes.CountiesUnder(settings.Region);
        var count = settings.Schools ?? Math.Max(6, settings.People / 800);
        Schools = Enumerable.Range(0, count).Select(i =>
        {
            var kind = Kinds[i % 3];
            var county = counties[i / 3 % counties.Count];
            var sequence = (Math.Abs(settings.Seed) % 100 * 10_000) + i;
            return new DemoSchool(string.Create(CultureInfo.InvariantCulture, $"{kind.Digits}{settings.Region[..2]}{sequence:D6}"),
                string.Create(CultureInfo.InvariantCulture, $"{county.Name}第{i / 3 + 1}{kind.Suffix}"), kind.Label, kind.Digits, county.Code,
                12 + (int)(DemoPeople.Mix((ulong)i) % 48));
        }).ToList();
        byType = Schools.GroupBy(s => s.TypeDigits).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (settings.ShareCount > 0)
        {
            // Counted once up front, so both passes over the people agree.
            (SharedCount, SharedScanned) = CountShared();
        }
    }

    public IReadOnlyList<DemoSchool> Schools { get; }
    public int SharedCount { get; }
    public int SharedScanned { get; }

    /// <summary>Every person with its local id, the same sequence each time it is enumerated.</summary>
    public IEnumerable<(string LocalId, DemoPerson Person)> People()
    {
        var k = 0;
        foreach (var person in Shared().Take(SharedCount))
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"p{settings.Seed}-s{k++:D7}"), person);
        }
        var own = settings.People - SharedCount;
        var i = 0;
        foreach (var person in new DemoPeople(settings.Seed, settings.Region).Generate().Take(own))
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"p{settings.Seed}-{i++:D7}"), person);
        }
    }

    /// <summary>The school code a person belongs to: students by age, teachers and staff anywhere; parents none.</summary>
    public string? SchoolOf(DemoPerson person)
    {
        if (person.Role == 2)
        {
            return null;
        }
        var type = person.Role != 0 ? Kinds[(int)(person.Hash % 3)].Digits
            : person.Birth >= new DateOnly(2012, 9, 1) ? "21" : person.Birth >= new DateOnly(2009, 9, 1) ? "31" : "34";
        var schools = byType[type];
        return schools[(int)(DemoPeople.Mix(person.Hash) % (ulong)schools.Count)].Code;
    }

    private IEnumerable<DemoPerson> Shared()
    {
        if (settings.ShareCount == 0)
        {
            yield break;
        }
        var ours = RegionCodes.CountiesUnder(settings.Region).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var person in new DemoPeople(settings.ShareSeed!.Value, settings.ShareRegion!).Generate().Take(ScanLimit))
        {
            if (ours.Contains(person.County))
            {
                yield return person;
            }
        }
    }

    private const int ScanLimit = 20_000_000;

    private (int Count, int Scanned) CountShared()
    {
        var ours = RegionCodes.CountiesUnder(settings.Region).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        int found = 0, scanned = 0;
        foreach (var person in new DemoPeople(settings.ShareSeed!.Value, settings.ShareRegion!).Generate().Take(ScanLimit))
        {
            scanned++;
            if (ours.Contains(person.County) && ++found == settings.ShareCount)
            {
                break;
            }
        }
        return (found, scanned);
    }
}
