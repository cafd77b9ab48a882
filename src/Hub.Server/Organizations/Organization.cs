using Hub.Server.Oidc;

namespace Hub.Server.Organizations;

public enum OrganizationKind
{
    /// <summary>An education bureau (教育行政部门 / 电教部门) of a region.</summary>
    Bureau = 1,
    School = 2,
}

public enum OrganizationStatus
{
    Active = 0,
    Closed = 1,
}

/// <summary>
/// A node of the jurisdiction tree below the regions: a region's education bureau or a school. Schools carry the
/// columns of the notice's attachment 3, so the pilot application computes its coverage from here.
/// </summary>
public sealed class Organization
{
    public long Id { get; set; }

    /// <summary>A school's 10-digit 学校(机构)标识码; for a bureau "EB" + its region code.</summary>
    public required string Code { get; set; }

    public OrganizationKind Kind { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>Province, city or county for a bureau; School for a school.</summary>
    public JurisdictionLevel Level { get; set; }

    public SchoolType? SchoolType { get; set; }
    public int? BandwidthMbps { get; set; }
    public int? ClassCount { get; set; }
    public int? MultimediaClassCount { get; set; }
    public int? MobileTerminalClassCount { get; set; }
    public int? TeacherCount { get; set; }
    public int? StudentCount { get; set; }

    public OrganizationStatus Status { get; set; }

    /// <summary>
    /// School setting (家校互动): whether parents may view their linked students' learning spaces (files and messages
    /// addressed to the student). Off until the school, or an admin above it, turns it on.
    /// </summary>
    public bool GuardianSpaceAccess { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>From the hub's global change sequence; the change feed and optimistic concurrency use it.</summary>
    public long ChangeVersion { get; set; }

    /// <summary>Primary and secondary schools (中小学) by the type digits of the code: the notice's 85 % rule counts these.</summary>
    public bool IsPrimaryOrSecondary => Kind == OrganizationKind.School && SchoolCode.IsPrimaryOrSecondaryType(Code);
}
