namespace Hub.Adapter.Host.Demo;

/// <summary>A generated person: role 0 student, 1 teacher, 2 parent, 3 school staff.</summary>
internal sealed record DemoPerson(string Name, string IdNumber, int Gender, DateOnly Birth, string County, int Role, ulong Hash);

/// <summary>
/// A deterministic stream of realistic people of one seed in one region: real current county codes, GB 11643 numbers
/// with valid check digits (the sequence block is chosen by the seed's last digit, so seeds ending in different digits
/// never collide), birth dates that fit the role, common surnames and given names. The same seed and region always
/// give the same people, which is how two platforms share a slice of people.
/// </summary>
internal sealed class DemoPeople(int seed, string region)
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
        "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖",
        "欧阳", "司马", "上官",
    ];

    private const string GivenCharacters =
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国丹宇浩然子轩梓涵一诺欣怡雨泽思远嘉怡俊杰晨曦佳琪语桐沐阳若曦皓轩诗涵博文";

    private static readonly DateOnly StudentsFrom = new(2006, 9, 1), StudentsTo = new(2019, 8, 31);
    private static readonly DateOnly AdultsFrom = new(1965, 1, 1), AdultsTo = new(1999, 12, 31);

    private readonly IReadOnlyList<County> counties = RegionCodes.CountiesUnder(region);
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    public IReadOnlyList<County> Counties => counties;

    public IEnumerable<DemoPerson> Generate()
    {
        for (var i = 0; ; i++)
        {
            yield return Person(i);
        }
    }

    private DemoPerson Person(int index)
    {
        var h = Mix(((ulong)(uint)seed << 32) | (uint)index);
        var roll = (int)(h % 100);
        var role = roll switch { < 70 => 0, < 76 => 1, < 97 => 2, _ => 3 };
        var (from, to) = role == 0 ? (StudentsFrom, StudentsTo) : (AdultsFrom, AdultsTo);
        var h2 = Mix(h);
        var birth = from.AddDays((int)(h2 % (ulong)(to.DayNumber - from.DayNumber + 1)));
        var county = counties[(int)(Mix(h2) % (ulong)counties.Count)];
        var male = (h2 >> 40 & 1) == 1;
        // Sequence 000–999: the hundreds digit comes from the seed; odd for men.
        var block = Math.Abs(seed % 10) * 100;
        var step = (int)(Mix(h2 ^ 0x5bd1e995) % 50);
        string id;
        for (var attempt = 0; ; attempt++)
        {
            var sequence = block + (step + attempt) % 50 * 2 + (male ? 1 : 0);
            id = ResidentId.Create(county.Code, attempt < 50 ? birth : birth.AddDays(attempt / 50), sequence);
            if (taken.Add(id))
            {
                break;
            }
        }
        return new DemoPerson(Name(h2), id, male ? 1 : 2, DateOnly.ParseExact(id.Substring(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            county.Code, role, h2);
    }

    private static string Name(ulong h)
    {
        var n = Mix(h ^ 0x9e3779b9);
        var surname = Surnames[(int)(n % (ulong)Surnames.Length)];
        var first = GivenCharacters[(int)(n >> 16 & 0xffff) % GivenCharacters.Length];
        // Two given characters for about two thirds of people.
        return (n >> 40) % 3 == 0
            ? surname + first
            : surname + first + GivenCharacters[(int)(n >> 48 & 0xffff) % GivenCharacters.Length];
    }

    /// <summary>SplitMix64: a fast, well-mixed deterministic hash.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9e3779b97f4a7c15UL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }
}
