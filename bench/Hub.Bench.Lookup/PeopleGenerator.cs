using Hub.Server.Identity;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Regions;

namespace Hub.Bench.Lookup;

/// <summary>
/// Plausible people, built the way the registry builds them: a resident ID composed from a current county, a birth
/// date fitting the role and a sequence, validated by the hub's own rules, then protected by
/// <see cref="PersonKeys.SetDocument(Person, IdentityDocument, byte[])"/> (blind index, AES-GCM ciphertext bound to the hub id, mask).
/// Deterministic for a seed, except hub ids, which are random as in the hub.
/// </summary>
internal sealed class PeopleGenerator(PersonKeys keys, int seed, DateTimeOffset now)
{
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "欧阳", "司马"];
    private static readonly string[] GivenNames =
        ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "秀英", "晓东", "子涵", "浩然", "欣怡", "宇轩", "梓萱", "俊杰"];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private readonly DateOnly _today = IdentityDocument.TodayInChina(TimeProvider.System);

    /// <summary>Current county-level codes: what a school or a household registration has today.</summary>
    public static string[] Counties { get; } = RegionCatalog.Default.All
        .Where(r => r.IsCurrent && r.Level == RegionLevel.County).Select(r => r.Code).ToArray();

    /// <returns>The person row as the registry would insert it, and its document number in clear.</returns>
    public (Person Person, string Number) Next()
    {
        var roles = NextRoles();
        var county = Counties[_random.Next(Counties.Length)];
        // Students are born 2006–2020, adults 1965–1998: the 1950s stay free for numbers that must not exist.
        var (from, years) = roles[0] == (short)PersonRole.Student ? (2006, 15) : (1965, 34);
        string number;
        do
        {
            number = ResidentIdNumber.Compose(county, RandomDate(_random, from, years), _random.Next(1000));
        }
        while (!_issued.Add(number));

        var document = Validate(number, _today);
        var person = new Person
        {
            HubId = HubIds.New(),
            Name = Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)],
            RegionCode = county,
            Gender = document.Gender ?? Gender.Unknown,
            BirthDate = document.BirthDate,
            Roles = roles,
            Status = PersonStatus.Active,
            VerificationLevel = VerificationLevel.SelfDeclared,
            CreatedAt = now,
            UpdatedAt = now,
        };
        keys.SetDocument(person, document);
        return (person, number);
    }

    /// <summary>A valid resident ID that no seeded person has (born in the 1950s).</summary>
    public static string Absent(Random random) =>
        ResidentIdNumber.Compose(Counties[random.Next(Counties.Length)], RandomDate(random, 1950, 10), random.Next(1000));

    public static IdentityDocument Validate(string number, DateOnly today) =>
        IdentityDocument.Validate(DocumentType.ResidentIdCard, number, today).Value
        ?? throw new BenchFailedException("the hub rejects a generated resident ID number");

    // Roughly the national mix: 286 M students, 19 M teachers, parents, a few staff.
    private short[] NextRoles() => _random.Next(100) switch
    {
        < 84 => [(short)PersonRole.Student],
        < 90 => [(short)PersonRole.Teacher],
        < 92 => [(short)PersonRole.Teacher, (short)PersonRole.Parent],
        < 99 => [(short)PersonRole.Parent],
        _ => [(short)PersonRole.SchoolStaff],
    };

    private static DateOnly RandomDate(Random random, int fromYear, int years) =>
        new DateOnly(fromYear, 1, 1).AddDays(random.Next(years * 365));
}
