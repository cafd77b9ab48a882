namespace Hub.Server.Organizations;

/// <summary>A school as attachment 3 lists it, plus its code and region. Fields are optional on the wire so errors name them.</summary>
public sealed record SchoolRequest(
    string? Code,
    string? Name,
    string? SchoolType,
    string? RegionCode,
    string? Bandwidth,
    int? ClassCount,
    int? MultimediaClassCount,
    int? MobileTerminalClassCount,
    int? TeacherCount,
    int? StudentCount,
    long? ExpectedVersion = null);

/// <summary>An education bureau of a province, city or county.</summary>
public sealed record BureauRequest(string? RegionCode, string? Name);

public sealed record OrganizationView(
    string Code,
    string Kind,
    string Name,
    string RegionCode,
    string? RegionName,
    string Level,
    string? SchoolType,
    string? Bandwidth,
    int? ClassCount,
    int? MultimediaClassCount,
    int? MobileTerminalClassCount,
    int? TeacherCount,
    int? StudentCount,
    bool PrimaryOrSecondary,
    string Status,
    long ChangeVersion,
    bool GuardianSpaceAccess = false);

/// <summary>A school's learning-space settings.</summary>
public sealed record SchoolSpaceSettings(bool? GuardianSpaceAccess);

public sealed record OrganizationPage(IReadOnlyList<OrganizationView> Items, string? Next);
