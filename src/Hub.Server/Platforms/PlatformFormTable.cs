using System.Globalization;
using System.Text;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Platforms;

/// <summary>Attachment 2 (试点平台申报表) laid out as the notice prints it, for the console.</summary>
internal static class PlatformFormTable
{
    public static string Render(PlatformForm f)
    {
        var egress = new[] { ("电信", f.Egress.Telecom), ("移动", f.Egress.Mobile), ("联通", f.Egress.Unicom), ("其他", f.Egress.Other) }
            .Where(c => c.Item2 is not null).Select(c => $"{c.Item1} {N(c.Item2!.Value)} Mbps");
        var html = new StringBuilder("<table id=\"form\">");
        Row(html, "试点申请单位", f.Applicant.Unit);
        Row(html, "通信地址 / 邮编", f.Applicant.Address + "　" + f.Applicant.Postcode);
        Row(html, "试点负责人 / 电话 / E-mail", $"{f.Applicant.Lead.Name}　{f.Applicant.Lead.Phone}　{f.Applicant.Lead.Email}");
        Row(html, "试点联系人 / 电话 / E-mail", $"{f.Applicant.Contact.Name}　{f.Applicant.Contact.Phone}　{f.Applicant.Contact.Email}");
        html.Append("<tr><th colspan=\"2\">试点使用平台基本情况</th></tr>");
        Row(html, "平台名称", f.Name);
        Row(html, "平台网址", f.Url);
        Row(html, "平台注册用户（机构）",
            $"学校 {N(f.RegisteredSchools)} 个，教师 {N(f.RegisteredTeachers)} 人，学生 {N(f.RegisteredStudents)} 人，家长 {N(f.RegisteredParents)} 人");
        Row(html, "平台服务范围", PlatformFormLabels.Of(f.ServiceScope));
        Row(html, "平台软件系统开发方式", PlatformFormLabels.Of(f.DevelopmentMode, f.DevelopmentModeOther));
        Row(html, "平台软件系统技术服务单位", f.TechnicalServiceProvider);
        Row(html, "平台软件系统安全保护等级", PlatformFormLabels.SecurityLevel(f.SecurityLevel));
        Row(html, "平台运行维护管理人员数量（人）", N(f.OperationsStaff));
        Row(html, "平台每年建设与运营经费投入（万元）", f.AnnualBudgetTenThousandYuan.ToString("0.##", CultureInfo.InvariantCulture));
        html.Append("<tr><th colspan=\"2\">试点使用平台数据中心情况</th></tr>");
        Row(html, "平台所在数据中心建设方式", string.Join("、", f.DataCentreTypes.Select(PlatformFormLabels.Of)));
        Row(html, "平台所在数据中心存储容量（TB）", f.StorageTb.ToString("0.##", CultureInfo.InvariantCulture));
        Row(html, "平台所在数据中心服务器数量", $"物理服务器 {N(f.PhysicalServers)} 台，虚拟化服务器 {N(f.VirtualServers)} 台");
        Row(html, "平台数据中心互联网出口带宽", string.Join("，", egress));
        return html.Append("</table>").ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
}
