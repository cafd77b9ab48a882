namespace Hub.Server.Platforms;

/// <summary>平台服务范围 (attachment 2): the level a platform serves.</summary>
public enum ServiceScope
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>平台软件系统开发方式: 企业开发, 租用服务, 其他 (with a description).</summary>
public enum DevelopmentMode
{
    Enterprise = 1,
    Leased = 2,
    Other = 3,
}

/// <summary>平台所在数据中心建设方式 (several allowed): 托管机房, 自有机房, 公有云.</summary>
public enum DataCentreType
{
    Hosted = 1,
    Own = 2,
    PublicCloud = 3,
}

/// <summary>A person to contact (试点负责人 / 试点联系人): name, phone, e-mail.</summary>
public sealed record Contact(string Name, string Phone, string Email);

/// <summary>The applying unit's block that heads attachments 2 and 3 (申请单位, 通信地址, 邮编, 负责人, 联系人).</summary>
public sealed record Applicant(string Unit, string Address, string Postcode, Contact Lead, Contact Contact);

/// <summary>Internet egress bandwidth per carrier in Mbps (电信, 移动, 联通, 其他); null where there is none.</summary>
public sealed record EgressBandwidth(int? Telecom, int? Mobile, int? Unicom, int? Other);

/// <summary>
/// 试点平台申报表 (attachment 2), validated and normalized: the platform's basic facts and its data centre. Platform
/// access (接入) and the pilot application both use it; the export writes it back as the notice's table.
/// </summary>
public sealed record PlatformForm(
    Applicant Applicant,
    string Name,
    string Url,
    int RegisteredSchools,
    int RegisteredTeachers,
    int RegisteredStudents,
    int RegisteredParents,
    ServiceScope ServiceScope,
    DevelopmentMode DevelopmentMode,
    string? DevelopmentModeOther,
    string TechnicalServiceProvider,
    int SecurityLevel,
    int OperationsStaff,
    decimal AnnualBudgetTenThousandYuan,
    IReadOnlyList<DataCentreType> DataCentreTypes,
    decimal StorageTb,
    int PhysicalServers,
    int VirtualServers,
    EgressBandwidth Egress);

// Wire shapes: every field optional so that a missing one is reported by name instead of failing deserialization.
public sealed record ContactInput(string? Name, string? Phone, string? Email);

public sealed record ApplicantInput(string? Unit, string? Address, string? Postcode, ContactInput? Lead, ContactInput? Contact);

public sealed record EgressInput(int? Telecom, int? Mobile, int? Unicom, int? Other);

public sealed record PlatformFormInput(
    ApplicantInput? Applicant,
    string? Name,
    string? Url,
    int? RegisteredSchools,
    int? RegisteredTeachers,
    int? RegisteredStudents,
    int? RegisteredParents,
    string? ServiceScope,
    string? DevelopmentMode,
    string? DevelopmentModeOther,
    string? TechnicalServiceProvider,
    int? SecurityLevel,
    int? OperationsStaff,
    decimal? AnnualBudgetTenThousandYuan,
    string[]? DataCentreTypes,
    decimal? StorageTb,
    int? PhysicalServers,
    int? VirtualServers,
    EgressInput? Egress);
