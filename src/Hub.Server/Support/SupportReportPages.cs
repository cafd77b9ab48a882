using System.Globalization;
using System.Text;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Hub.Server.Web.Tables;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Support.SupportPageParts;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Support;

/// <summary>Console pages for statistics (with CSV export), the equipment register with repeated faults, and teams and experts.</summary>
internal static class SupportReportPages
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/statistics", StatisticsAsync);
        pages.MapGet("/statistics.csv", CsvAsync);
        pages.MapGet("/equipment", EquipmentAsync);
        pages.MapPost("/equipment", RegisterDeviceAsync);
        pages.MapGet("/teams", TeamsAsync);
        pages.MapPost("/teams", SaveTeamAsync);
    }

    private static async Task<IResult> StatisticsAsync(HttpContext http, SupportStatistics statistics, RegionCatalog regions, TimeProvider clock,
        CancellationToken ct, string? regionCode = null, string? from = null, string? to = null)
    {
        var (caller, denied) = await GateAsync(http, HubScopes.SupportManage);
        if (caller is null)
        {
            return denied!;
        }
        var errors = new List<Problems.FieldError>();
        var (start, end) = SupportAdminEndpoints.Period(from, to, clock, errors);
        var view = await statistics.ComputeAsync(caller.Scope.Within(regionCode, regions), regionCode ?? caller.RegionCode, start, end, ct);
        var table = SupportStatistics.ToTable(view);
        var html = new StringBuilder(errors.Count > 0 ? Problem(null, errors) : "")
            .Append("<form method=\"get\" action=\"/console/support/statistics\"><div class=\"grid\">")
            .Append(Input("regionCode", "地区代码", "Region code", regionCode, 6)).Append(Input("from", "开始日期", "From", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 10, "date"))
            .Append(Input("to", "结束日期", "To", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 10, "date"))
            .Append(CultureInfo.InvariantCulture, $"</div><button type=\"submit\">{Text("查询", "Show")}</button></form>")
            .Append(CultureInfo.InvariantCulture, $"<p><a id=\"csv\" href=\"/console/support/statistics.csv?regionCode={Encode(regionCode)}&from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}\">{Text("导出 CSV", "Export CSV")}</a></p>")
            .Append("<table id=\"statistics\"><tr>").Append(string.Concat(table.Header.Select(h => $"<th>{Encode(h)}</th>"))).Append("</tr>");
        foreach (var row in table.Rows.Concat(table.FooterRows ?? []))
        {
            html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td{(c.IsNumber ? " class=\"num\"" : "")}>{Encode(c.ToString())}</td>"))).Append("</tr>");
        }
        return Page("技术支持统计", "Support statistics", html.Append("</table>").ToString(), caller);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, SupportStatistics statistics, RegionCatalog regions, TimeProvider clock, CancellationToken ct,
        string? regionCode = null, string? from = null, string? to = null)
    {
        var (caller, denied) = await GateAsync(http, HubScopes.SupportManage);
        if (caller is null)
        {
            return denied!;
        }
        var (start, end) = SupportAdminEndpoints.Period(from, to, clock, []);
        var view = await statistics.ComputeAsync(caller.Scope.Within(regionCode, regions), regionCode ?? caller.RegionCode, start, end, ct);
        return Results.File(CsvWriter.Write(SupportStatistics.ToTable(view)), CsvWriter.ContentType, $"support-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
    }

    private static async Task<IResult> EquipmentAsync(HttpContext http, SupportEquipment equipment, IAntiforgery antiforgery, TimeProvider clock,
        CancellationToken ct, string? schoolCode = null, string? problem = null)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var school = caller.SchoolCode ?? schoolCode;
        var (from, to) = SupportAdminEndpoints.Period(null, null, clock, []);
        var repeated = await equipment.RepeatedAsync(caller.Scope, caller.SchoolCode, from.AddDays(-335), to, 2, ct);
        var html = new StringBuilder(problem);
        if (caller.SchoolCode is null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"/console/support/equipment\">{Input("schoolCode", "学校标识码", "School code", school, 10)}<button type=\"submit\">{Text("查看台账", "Show register")}</button></form>");
        }
        if (school is not null)
        {
            var devices = await equipment.ListAsync(school, caller, ct);
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Text("设备台账 " + school, "Equipment register")}</h2><table id=\"devices\"><tr><th>ID</th><th>{Text("类别", "Category")}</th><th>{Text("名称", "Name")}</th><th>{Text("教室", "Classroom")}</th><th>{Text("型号", "Model")}</th><th>{Text("序列号", "Serial")}</th><th>{Text("故障次数", "Faults")}</th></tr>");
            foreach (var d in devices)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.Id}</td><td>{Encode(SupportCodes.Label(SupportCodes.Parse<DeviceCategory>(d.Category)!.Value))}</td><td>{Encode(d.Name)}</td><td>{Encode(d.Classroom)}</td><td>{Encode(d.Model)}</td><td>{Encode(d.SerialNumber)}</td><td class=\"num\"><a href=\"/console/support?device={d.Id}\">{d.FaultCount}</a></td></tr>");
            }
            html.Append("</table>").Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/console/support/equipment\" id=\"device-form\">{Antiforgery(http, antiforgery)}{Hidden("schoolCode", school)}<div class=\"grid\">")
                .Append(Select("category", "类别", "Category", Options<DeviceCategory>(SupportCodes.Label))).Append(Input("name", "名称", "Name"))
                .Append(Input("classroom", "教室", "Classroom", max: SupportLimits.ShortText)).Append(Input("model", "型号", "Model"))
                .Append(Input("serialNumber", "序列号", "Serial number", max: SupportLimits.ShortText))
                .Append(CultureInfo.InvariantCulture, $"</div><button type=\"submit\" id=\"device-submit\">{Text("登记设备", "Register the device")}</button></form>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Text("近一年重复故障", "Repeated faults in the last year")}</h2><table id=\"repeated-devices\"><tr><th>{Text("学校", "School")}</th><th>{Text("设备", "Device")}</th><th>{Text("型号", "Model")}</th><th>{Text("序列号", "Serial")}</th><th>{Text("故障次数", "Faults")}</th></tr>");
        foreach (var d in repeated.Devices)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(d.SchoolCode)}</td><td>{Encode(d.Name)} {Encode(d.Classroom)}</td><td>{Encode(d.Model)}</td><td>{Encode(d.SerialNumber)}</td><td class=\"num\">{d.Faults}</td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</table><table id=\"repeated-models\"><tr><th>{Text("型号", "Model")}</th><th>{Text("设备数", "Devices")}</th><th>{Text("故障次数", "Faults")}</th><th>{Text("重复故障设备", "Devices with repeated faults")}</th></tr>");
        foreach (var m in repeated.Models)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(m.Model)}</td><td class=\"num\">{m.Devices}</td><td class=\"num\">{m.Faults}</td><td class=\"num\">{m.DevicesWithRepeatedFaults}</td></tr>");
        }
        return Page("设备台账", "Equipment register", html.Append("</table>").ToString(), caller, problem is null ? 200 : 400);
    }

    private static async Task<IResult> RegisterDeviceAsync(HttpContext http, IFormCollection form, SupportEquipment equipment, IAntiforgery antiforgery,
        TimeProvider clock, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
        var (device, errors) = await equipment.SaveAsync(null, new SupportDeviceRequest(Field("schoolCode"), Field("category"), Field("name"), Field("classroom"),
            Field("model"), Field("serialNumber"), false), caller, ct);
        return device is not null
            ? Results.Redirect("/console/support/equipment?schoolCode=" + Uri.EscapeDataString(device.SchoolCode))
            : await EquipmentAsync(http, equipment, antiforgery, clock, ct, Field("schoolCode"), Problem(null, errors));
    }

    private static async Task<IResult> TeamsAsync(HttpContext http, SupportTeams teams, IAntiforgery antiforgery, CancellationToken ct) =>
        await RenderTeamsAsync(http, teams, antiforgery, null, ct);

    private static async Task<IResult> SaveTeamAsync(HttpContext http, IFormCollection form, SupportTeams teams, IAntiforgery antiforgery, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http, HubScopes.SupportManage);
        if (caller is null)
        {
            return denied!;
        }
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
        List<Problems.FieldError> errors;
        if (Field("teamId") is { } id && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var teamId))
        {
            var team = await teams.FindTeamAsync(teamId, caller, ct);
            errors = team is null ? [new Problems.FieldError("teamId", SupportErrors.TeamInvalid)]
                : await teams.SetMemberAsync(team, new SupportTeamMemberRequest(Field("hubId"), form["lead"] == "on"), caller, ct) is { } e ? [e] : [];
        }
        else
        {
            int[] days = [.. form["days"].Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)];
            (_, errors) = await teams.SaveTeamAsync(null, new SupportTeamRequest(Field("regionCode"), Field("name"), [.. form["kinds"].OfType<string>()],
                days, Field("opens"), Field("closes"), true), caller, ct);
        }
        return errors.Count == 0 ? Results.Redirect("/console/support/teams") : await RenderTeamsAsync(http, teams, antiforgery, Problem(null, errors), ct);
    }

    private static async Task<IResult> RenderTeamsAsync(HttpContext http, SupportTeams teams, IAntiforgery antiforgery, string? problem, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http, HubScopes.SupportManage);
        if (caller is null)
        {
            return denied!;
        }
        var html = new StringBuilder(problem).Append(CultureInfo.InvariantCulture, $"<table id=\"teams\"><tr><th>ID</th><th>{Text("地区", "Region")}</th><th>{Text("团队", "Team")}</th><th>{Text("类型", "Kinds")}</th><th>{Text("工作时间", "Hours")}</th><th>{Text("成员", "Members")}</th></tr>");
        foreach (var t in await teams.ListTeamsAsync(caller.Scope, ct))
        {
            var view = await teams.ViewAsync(t, ct);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{t.Id}</td><td>{Encode(t.RegionCode)}</td><td>{Encode(t.Name)}</td><td>{Encode(string.Join("、", t.Kinds.Select(SupportCodes.Label)))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(string.Join(",", view.OpenDays))} {view.Opens}–{view.Closes}</td><td>{Encode(string.Join("、", view.Members.Select(m => m.Name + (m.Lead ? "（组长）" : ""))))}</td></tr>");
        }
        var token = Antiforgery(http, antiforgery);
        html.Append("</table>").Append(CultureInfo.InvariantCulture, $"<h2>{Text("新建团队", "New team")}</h2><form method=\"post\" action=\"/console/support/teams\" id=\"team-form\">{token}<div class=\"grid\">")
            .Append(Input("regionCode", "地区代码", "Region code", caller.RegionCode, 6)).Append(Input("name", "团队名称", "Team name"))
            .Append(Input("opens", "上班（HH:mm）", "Opens (HH:mm)", "08:00", 5)).Append(Input("closes", "下班（HH:mm）", "Closes (HH:mm)", "18:00", 5)).Append("</div><p>")
            .Append(string.Concat(Enum.GetValues<SupportKind>().Select(k => $"<label><input type=\"checkbox\" name=\"kinds\" value=\"{SupportCodes.Wire(k)}\" checked> {Encode(SupportCodes.Label(k))}</label> ")))
            .Append("</p><p>").Append(string.Concat(Enumerable.Range(1, 7).Select(d => $"<label><input type=\"checkbox\" name=\"days\" value=\"{d}\"{(d <= 5 ? " checked" : "")}> {"一二三四五六日"[d - 1]}</label> ")))
            .Append(CultureInfo.InvariantCulture, $"</p><button type=\"submit\" id=\"team-submit\">{Text("保存", "Save")}</button></form>")
            .Append(CultureInfo.InvariantCulture, $"<h2>{Text("添加成员", "Add a member")}</h2><form method=\"post\" action=\"/console/support/teams\" id=\"member-form\">{token}<div class=\"grid\">")
            .Append(Input("teamId", "团队 ID", "Team id", max: 19)).Append(Input("hubId", "成员实名号", "Member hub id", max: 40))
            .Append(CultureInfo.InvariantCulture, $"</div><label><input type=\"checkbox\" name=\"lead\"> {Text("组长", "Lead")}</label><button type=\"submit\" id=\"member-submit\">{Text("添加", "Add")}</button></form>");
        return Page("团队与专家", "Teams and experts", html.ToString(), caller, problem is null ? 200 : 400);
    }
}
