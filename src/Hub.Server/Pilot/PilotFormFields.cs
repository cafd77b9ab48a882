namespace Hub.Server.Pilot;

public enum FieldKind
{
    Text,
    Number,
    Select,
    Checkboxes,
    /// <summary>Several values, one per line (the school codes).</summary>
    Lines,
    TextArea,
}

/// <summary>One input of the console form. Its name is the JSON path of the API's document, so errors point at it directly.</summary>
public sealed record FieldSpec(string Path, string Zh, string En, FieldKind Kind = FieldKind.Text, (string Value, string Zh, string En)[]? Options = null);

/// <summary>The console form's fields: attachment 2 per platform, attachment 3's header and school list per region, attachment 4.</summary>
public static class PilotFormFields
{
    /// <summary>Empty slots the form offers beyond what the draft has (a platform, and pilot regions up to the notice's 3).</summary>
    public const int RegionSlots = 3;

    public static readonly FieldSpec[] Applicant =
    [
        new("applicant.unit", "申请单位", "Applying unit"), new("applicant.address", "通信地址", "Address"),
        new("applicant.postcode", "邮编", "Postcode"),
        new("applicant.lead.name", "试点负责人", "Pilot lead"), new("applicant.lead.phone", "负责人电话", "Lead's phone"),
        new("applicant.lead.email", "负责人 E-mail", "Lead's e-mail"),
        new("applicant.contact.name", "试点联系人", "Pilot contact"), new("applicant.contact.phone", "联系人电话", "Contact's phone"),
        new("applicant.contact.email", "联系人 E-mail", "Contact's e-mail"),
    ];

    public static readonly FieldSpec[] Platform =
    [
        new("serviceRegionCode", "平台服务区域代码（GB/T 2260）", "Service region code"),
        .. Applicant.Select(f => f with { Path = "form." + f.Path, Zh = f.Path == "applicant.unit" ? "试点申请单位" : f.Zh }),
        new("form.name", "平台名称", "Platform name"), new("form.url", "平台网址", "Platform URL"),
        new("form.registeredSchools", "注册学校（个）", "Registered schools", FieldKind.Number),
        new("form.registeredTeachers", "注册教师（人）", "Registered teachers", FieldKind.Number),
        new("form.registeredStudents", "注册学生（人）", "Registered students", FieldKind.Number),
        new("form.registeredParents", "注册家长（人）", "Registered parents", FieldKind.Number),
        new("form.serviceScope", "平台服务范围", "Service scope", FieldKind.Select,
            [("province", "省（市、区）级", "Province"), ("city", "地市（区）级", "City"), ("county", "区县级", "County")]),
        new("form.developmentMode", "平台软件系统开发方式", "Development mode", FieldKind.Select,
            [("enterprise", "企业开发", "Enterprise"), ("leased", "租用服务", "Leased"), ("other", "其他", "Other")]),
        new("form.developmentModeOther", "其他开发方式（说明）", "Other mode (describe)"),
        new("form.technicalServiceProvider", "技术服务单位", "Technical service provider"),
        new("form.securityLevel", "安全保护等级", "Security protection level", FieldKind.Select,
            [("1", "一级等保", "Level 1"), ("2", "二级等保", "Level 2"), ("3", "三级等保", "Level 3")]),
        new("form.operationsStaff", "运行维护管理人员（人）", "Operations staff", FieldKind.Number),
        new("form.annualBudgetTenThousandYuan", "每年建设与运营经费（万元）", "Annual budget (10k yuan)", FieldKind.Number),
        new("form.dataCentreTypes", "数据中心建设方式（可多选）", "Data-centre types", FieldKind.Checkboxes,
            [("hosted", "托管机房", "Hosted"), ("own", "自有机房", "Own"), ("publicCloud", "公有云", "Public cloud")]),
        new("form.storageTb", "存储容量（TB）", "Storage (TB)", FieldKind.Number),
        new("form.physicalServers", "物理服务器（台）", "Physical servers", FieldKind.Number),
        new("form.virtualServers", "虚拟化服务器（台）", "Virtual servers", FieldKind.Number),
        new("form.egress.telecom", "出口带宽：电信（Mbps）", "Egress: Telecom (Mbps)", FieldKind.Number),
        new("form.egress.mobile", "出口带宽：移动（Mbps）", "Egress: Mobile (Mbps)", FieldKind.Number),
        new("form.egress.unicom", "出口带宽：联通（Mbps）", "Egress: Unicom (Mbps)", FieldKind.Number),
        new("form.egress.other", "出口带宽：其他（Mbps）", "Egress: other (Mbps)", FieldKind.Number),
        new("coverageDescription", "服务覆盖面（附件 4）", "Service coverage (attachment 4)", FieldKind.TextArea),
        new("remarks", "备注（附件 4）", "Remarks (attachment 4)"),
    ];

    public static readonly FieldSpec[] Region =
    [
        new("regionCode", "试点地区代码（地市或区县）", "Pilot region code (city or county)"),
        .. Applicant.Select(f => f.Path == "applicant.unit" ? f with { Zh = "市、县级试点负责单位" } : f),
        new("schools", "试点学校标识码（每行一个）", "Pilot school codes (one per line)", FieldKind.Lines),
    ];

    public static readonly FieldSpec[] Summary =
    [
        new("summary.lead.name", "试点工作负责人姓名", "Lead's name"), new("summary.lead.title", "负责人职务", "Lead's title"),
        new("summary.lead.phone", "负责人电话", "Lead's phone"),
        new("summary.contact.name", "试点工作联系人姓名", "Contact's name"), new("summary.contact.title", "联系人职务", "Contact's title"),
        new("summary.contact.phone", "联系人电话", "Contact's phone"),
        new("summary.recommendation", "省级推荐意见", "Provincial recommendation", FieldKind.TextArea),
    ];
}
