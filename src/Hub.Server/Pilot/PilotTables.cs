using Hub.Server.Organizations;
using Hub.Server.Platforms;
using Hub.Server.Web.Tables;

namespace Hub.Server.Pilot;

/// <summary>Attachments 2, 3 and 4 of the notice as tables, in the notice's wording and column order.</summary>
public static class PilotTables
{
    public const string NoticeTitle = "国家数字教育资源公共服务体系建设与应用试点示范工作";

    public static readonly string[] SchoolColumns =
        ["序号", "学校名称", "学校类型", "网络带宽", "班级数", "具备多媒体设备的班级数", "学生配有移动终端的班级数", "教师数", "学生数"];

    public static readonly string[] SummaryColumns = ["序号", "名称", "网址", "级别（省、地市、县区）", "服务覆盖面（文字描述）", "备注"];

    /// <summary>附件 2 试点平台申报表: one row per line of the form (项目, 填报内容).</summary>
    public static Table Platform(PlatformForm f)
    {
        var a = f.Applicant;
        List<IReadOnlyList<TableCell>> rows =
        [
            ["试点申请单位", a.Unit], ["通信地址", a.Address], ["邮编", a.Postcode],
            ["试点负责人", a.Lead.Name], ["试点负责人电话", a.Lead.Phone], ["试点负责人E-mail", a.Lead.Email],
            ["试点联系人", a.Contact.Name], ["试点联系人电话", a.Contact.Phone], ["试点联系人E-mail", a.Contact.Email],
            ["平台名称", f.Name], ["平台网址", f.Url],
            ["平台注册用户（机构）：学校（个）", f.RegisteredSchools], ["平台注册用户（机构）：教师（人）", f.RegisteredTeachers],
            ["平台注册用户（机构）：学生（人）", f.RegisteredStudents], ["平台注册用户（机构）：家长（人）", f.RegisteredParents],
            ["平台服务范围", PlatformFormLabels.Of(f.ServiceScope)],
            ["平台软件系统开发方式", PlatformFormLabels.Of(f.DevelopmentMode, f.DevelopmentModeOther)],
            ["平台软件系统技术服务单位", f.TechnicalServiceProvider],
            ["平台软件系统安全保护等级", PlatformFormLabels.SecurityLevel(f.SecurityLevel)],
            ["平台运行维护管理人员数量（人）", f.OperationsStaff],
            ["平台每年建设与运营经费投入（万元）", f.AnnualBudgetTenThousandYuan],
            ["平台所在数据中心建设方式", string.Join("、", f.DataCentreTypes.Select(PlatformFormLabels.Of))],
            ["平台所在数据中心存储容量（TB）", f.StorageTb],
            ["平台所在数据中心服务器数量：物理服务器（台）", f.PhysicalServers],
            ["平台所在数据中心服务器数量：虚拟化服务器（台）", f.VirtualServers],
            ["平台数据中心互联网出口带宽：电信（Mbps）", Number(f.Egress.Telecom)],
            ["平台数据中心互联网出口带宽：移动（Mbps）", Number(f.Egress.Mobile)],
            ["平台数据中心互联网出口带宽：联通（Mbps）", Number(f.Egress.Unicom)],
            ["平台数据中心互联网出口带宽：其他（Mbps）", Number(f.Egress.Other)],
        ];
        return new Table("附件2 试点平台申报表", [[NoticeTitle], ["试点平台申报表"]], ["项目", "填报内容"], rows);
    }

    /// <summary>附件 3 应用试点地区和学校信息表: the header block, then the school list as the registry has it now.</summary>
    public static Table Region(Applicant a, string regionCode, string? regionName, IReadOnlyList<Organization> schools, int allSchools)
    {
        List<IReadOnlyList<TableCell>> title =
        [
            [NoticeTitle], ["应用试点地区和学校信息表"],
            ["市、县级试点负责单位", a.Unit], ["通信地址", a.Address, "邮编", a.Postcode],
            ["试点负责人", a.Lead.Name, "电话", a.Lead.Phone, "E-mail", a.Lead.Email],
            ["试点联系人", a.Contact.Name, "电话", a.Contact.Phone, "E-mail", a.Contact.Email],
            ["试点地区", $"{regionName}（{regionCode}）"],
            ["试点学校覆盖率", $"{PilotCoverage.Percent(schools.Count(s => s.IsPrimaryOrSecondary), allSchools)}（{schools.Count(s => s.IsPrimaryOrSecondary)}/{allSchools}）"],
            ["试点学校名单"],
        ];
        var rows = schools.Select((s, i) => (IReadOnlyList<TableCell>)
        [
            i + 1, s.Name, s.SchoolType is { } t ? SchoolTypes.Label(t) : null, s.BandwidthMbps is { } b ? Bandwidth.Format(b) : null,
            Number(s.ClassCount), Number(s.MultimediaClassCount), Number(s.MobileTerminalClassCount), Number(s.TeacherCount), Number(s.StudentCount),
        ]).ToList();
        return new Table("附件3 应用试点地区和学校信息表", title, SchoolColumns, rows);
    }

    /// <summary>附件 4 平台申报情况省级汇总表: province, the two people, one row per recommended platform, the recommendation.</summary>
    public static Table Summary(string provinceName, ValidSummary summary, IReadOnlyList<(PlatformForm Form, string? Coverage, string? Remarks)> platforms)
    {
        List<IReadOnlyList<TableCell>> title =
        [
            [NoticeTitle], ["工作平台申报情况省级汇总表"],
            ["省（区、市、兵团）", provinceName],
            ["试点工作负责人", "姓名", summary.Lead.Name, "职务", summary.Lead.Title, "电话", summary.Lead.Phone],
            ["试点工作联系人", "姓名", summary.Contact.Name, "职务", summary.Contact.Title, "电话", summary.Contact.Phone],
            ["推荐平台"],
        ];
        var rows = platforms.Select((p, i) => (IReadOnlyList<TableCell>)
            [i + 1, p.Form.Name, p.Form.Url, Level(p.Form.ServiceScope), p.Coverage, p.Remarks]).ToList();
        return new Table("附件4 省级汇总表", title, SummaryColumns, rows, [["省级推荐意见", summary.Recommendation]]);
    }

    /// <summary>Attachment 4's 级别 column: 省, 地市 or 县区.</summary>
    public static string Level(ServiceScope scope) => scope switch { ServiceScope.Province => "省", ServiceScope.City => "地市", _ => "县区" };

    private static TableCell Number(int? value) => value is { } n ? n : TableCell.Empty;
}
