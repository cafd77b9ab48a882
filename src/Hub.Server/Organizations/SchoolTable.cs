using System.Text;
using Hub.Server.Regions;
using Hub.Server.Web;

namespace Hub.Server.Organizations;

/// <summary>HTML for the school list (the columns of attachment 3) and the console's school forms.</summary>
internal static class SchoolTable
{
    public static string Render(IReadOnlyList<Organization> schools, RegionCatalog regions)
    {
        var html = new StringBuilder("<table id=\"schools\"><thead><tr>")
            .Append("<th>学校标识码</th><th>学校名称</th><th>学校类型</th><th>地区</th><th>网络带宽</th><th>班级数</th>")
            .Append("<th>多媒体班级</th><th>移动终端班级</th><th>教师数</th><th>学生数</th></tr></thead><tbody>");
        foreach (var s in schools)
        {
            html.Append("<tr><td>").Append(s.Code).Append("</td><td>").Append(HubPage.Encode(s.Name)).Append("</td><td>")
                .Append(s.SchoolType is { } t ? SchoolTypes.Label(t) : "").Append("</td><td>")
                .Append(HubPage.Encode(regions.TryGet(s.RegionCode, out var r) ? r.Name : s.RegionCode)).Append("</td><td class=\"num\">")
                .Append(s.BandwidthMbps is { } b ? Bandwidth.Format(b) : "").Append("</td><td class=\"num\">").Append(s.ClassCount)
                .Append("</td><td class=\"num\">").Append(s.MultimediaClassCount).Append("</td><td class=\"num\">").Append(s.MobileTerminalClassCount)
                .Append("</td><td class=\"num\">").Append(s.TeacherCount).Append("</td><td class=\"num\">").Append(s.StudentCount).Append("</td></tr>");
        }
        if (schools.Count == 0)
        {
            html.Append("<tr><td colspan=\"10\">").Append(HubPage.Text("暂无学校", "No schools yet")).Append("</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    public static string AddForm(string tokenName, string token)
    {
        var types = string.Concat(SchoolTypes.All.Select(t => $"<option>{SchoolTypes.Label(t)}</option>"));
        return $"""
            <form method="post" action="/console/organizations/schools" id="add-school">
              <fieldset><legend>{HubPage.Text("登记学校", "Register a school")}</legend>
              {HubPage.Hidden(tokenName, token)}
              <label for="code">{HubPage.Text("学校标识码（10 位）", "School code (10 digits)")}</label><input type="text" id="code" name="code" maxlength="10">
              <label for="name">{HubPage.Text("学校名称", "Name")}</label><input type="text" id="name" name="name" maxlength="100">
              <label for="schoolType">{HubPage.Text("学校类型", "School type")}</label><select id="schoolType" name="schoolType">{types}</select>
              <label for="regionCode">{HubPage.Text("所在地区代码", "Region code")}</label><input type="text" id="regionCode" name="regionCode" maxlength="6">
              <label for="bandwidth">{HubPage.Text("网络带宽（**M）", "Bandwidth (**M)")}</label><input type="text" id="bandwidth" name="bandwidth" maxlength="8" placeholder="100M">
              {Number("classCount", "班级数", "Classes")}{Number("multimediaClassCount", "具备多媒体设备的班级数", "Classes with multimedia")}
              {Number("mobileTerminalClassCount", "学生配有移动终端的班级数", "Classes with mobile terminals")}
              {Number("teacherCount", "教师数", "Teachers")}{Number("studentCount", "学生数", "Students")}
              <button type="submit" id="add-school-submit">登记 <span class="en">Register</span></button>
              </fieldset>
            </form>
            """;
    }

    public static string UploadForm(string tokenName, string token) => $"""
        <form method="post" action="/console/organizations/import" enctype="multipart/form-data" id="import-schools">
          <fieldset><legend>{HubPage.Text("上传学校名单（CSV）", "Upload a school list (CSV)")}</legend>
          {HubPage.Hidden(tokenName, token)}
          <p class="en">表头 / header: 学校标识码, 学校名称, 学校类型, 所在地区代码, 网络带宽, 班级数, 具备多媒体设备的班级数, 学生配有移动终端的班级数, 教师数, 学生数</p>
          <input type="file" id="file" name="file" accept=".csv,text/csv">
          <button type="submit" id="import-submit">导入 <span class="en">Import</span></button>
          </fieldset>
        </form>
        """;

    private static string Number(string name, string zh, string en) =>
        $"<label for=\"{name}\">{HubPage.Text(zh, en)}</label><input type=\"number\" min=\"0\" id=\"{name}\" name=\"{name}\">";
}
