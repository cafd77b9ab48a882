namespace Hub.Server.Support;

/// <summary>
/// A region's support team (技术支持团队): which kinds of request it handles, when it works (China time) and who is in
/// it. Routing picks teams of the school's county first, then city, then province.
/// </summary>
public sealed class SupportTeam
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string Name { get; set; }
    public SupportKind[] Kinds { get; set; } = [];

    /// <summary>ISO days of the week (1 Monday … 7 Sunday) the team works.</summary>
    public short[] OpenDays { get; set; } = [];

    /// <summary>Working hours as minutes of the day in China time, [opens, closes); 0–1440 is all day.</summary>
    public short OpensMinute { get; set; }
    public short ClosesMinute { get; set; }

    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<SupportTeamMember> Members { get; set; } = [];

    /// <summary>Beijing time has no daylight saving: UTC+8 all year.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ChinaOffset);
        var day = (short)(local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek);
        var minute = local.Hour * 60 + local.Minute;
        return OpenDays.Contains(day) && minute >= OpensMinute && minute < ClosesMinute;
    }
}

public sealed class SupportTeamMember
{
    public long TeamId { get; set; }
    public long PersonId { get; set; }

    /// <summary>A lead (组长) reassigns the team's requests within the routing rules.</summary>
    public bool IsLead { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A person of a region's expert pool (专家库) for application guidance, by subject and stage.</summary>
public sealed class SupportExpert
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public long PersonId { get; set; }
    public string[] Subjects { get; set; } = [];
    public SchoolStage[] Stages { get; set; } = [];
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum DeviceStatus : short
{
    InUse = 0,
    Retired = 1,
}

/// <summary>One device of a school's equipment register: requests refer to it, so repeated faults show per device and model.</summary>
public sealed class SupportDevice
{
    public long Id { get; set; }
    public long SchoolId { get; set; }
    public required string SchoolCode { get; set; }
    public required string RegionCode { get; set; }
    public DeviceCategory Category { get; set; }
    public required string Name { get; set; }
    public string? Classroom { get; set; }
    public required string Model { get; set; }
    public required string SerialNumber { get; set; }
    public DeviceStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
