using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Support.SupportPageParts;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Support;

/// <summary>
/// /console/support: the request list of the caller's jurisdiction (a school account: its school) with queues, and
/// the filing form. The pages call the same services as the API, with the operator as the caller.
/// </summary>
public static class SupportPages
{
    public static void MapSupportPages(this WebApplication app)
    {
        var pages = app.MapGroup("/console/support").ExcludeFromDescription();
        pages.MapGet("/", ListAsync);
        pages.MapPost("/requests", FileAsync);
        pages.MapGet("/requests/{number}", SupportRequestDetail.ShowAsync);
        pages.MapPost("/requests/{number}", SupportRequestDetail.ActAsync);
        pages.MapGet("/requests/{number}/attachments/{id:long}", SupportRequestDetail.DownloadAsync);
        SupportReportPages.Map(pages);
    }

    private static async Task<IResult> ListAsync(HttpContext http, SupportQueries queries, IAntiforgery antiforgery, RegionCatalog regions,
        CancellationToken ct, string? queue = null, string? status = null, string? after = null)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var errors = new List<Problems.FieldError>();
        var filter = SupportEndpoints.Filter(status, null, null, null, queue, null, errors) ?? new SupportFilter();
        var (items, next) = await queries.ListAsync(caller, caller.Scope, filter, RegionCursor.IsValid(after) ? after : null, 50, ct);
        return Page("技术支持", "Technical support", Queues(caller, filter.Queue) + Table(items, regions)
            + (next is null ? "" : $"<p><a href=\"/console/support?after={Encode(next)}&queue={Encode(filter.Queue)}\">{Text("下一页", "Next page")}</a></p>")
            + (caller.HasScope(HubScopes.SupportRequest) ? NewForm(http, antiforgery, caller, null) : ""), caller);
    }

    private static async Task<IResult> FileAsync(HttpContext http, IFormCollection form, SupportFiling filing, IAntiforgery antiforgery, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http, HubScopes.SupportRequest);
        if (caller is null)
        {
            return denied!;
        }
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
        long? device = long.TryParse(Field("deviceId"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        var outcome = await filing.FileAsync(new FileSupportRequest(Field("schoolCode"), Field("kind"), Field("urgency"), Field("title"),
            Field("description"), Field("classroom"), device, Field("subject"), Field("stage"), null), caller, ct);
        return outcome.Request is { } r
            ? Results.Redirect("/console/support/requests/" + r.Number)
            : Page("提交请求", "File a request", NewForm(http, antiforgery, caller, Problem(outcome.Error, outcome.Errors)), caller, 400);
    }

    private static string Queues(Caller caller, string? current)
    {
        var html = new StringBuilder("<p id=\"queues\">");
        var queues = new List<(string? Key, string Zh, string En)> { (null, "全部", "All") };
        if (caller.HasScope(HubScopes.SupportHandle))
        {
            queues.Add((SupportQueries.QueueMine, "我的待办", "My queue"));
        }
        if (caller.HasScope(HubScopes.SupportManage))
        {
            queues.Add((SupportQueries.QueueUnrouted, "未分派", "Unrouted"));
            queues.Add((SupportQueries.QueueEscalated, "已升级", "Escalated"));
        }
        foreach (var (key, zh, en) in queues)
        {
            html.Append(key == current ? "<strong>" : $"<a href=\"/console/support{(key is null ? "" : "?queue=" + key)}\">")
                .Append(Text(zh, en)).Append(key == current ? "</strong>" : "</a>").Append(" &nbsp; ");
        }
        return html.Append("</p>").ToString();
    }

    private static string Table(List<SupportRequest> items, RegionCatalog regions)
    {
        if (items.Count == 0)
        {
            return "<p id=\"empty\">" + Text("暂无请求。", "No requests.") + "</p>";
        }
        var html = new StringBuilder($"<table id=\"requests\"><tr><th>{Text("编号", "Number")}</th><th>{Text("学校", "School")}</th><th>{Text("类型", "Kind")}</th>"
            + $"<th>{Text("紧急程度", "Urgency")}</th><th>{Text("标题", "Title")}</th><th>{Text("状态", "Status")}</th><th>{Text("受理地区", "Handled in")}</th><th>{Text("提交时间", "Filed")}</th></tr>");
        foreach (var r in items)
        {
            var breached = r.ResponseBreachedAt is not null || r.ResolutionBreachedAt is not null;
            html.Append("<tr><td>").Append(Link(r.Number)).Append("</td><td>").Append(Encode(r.SchoolCode)).Append("</td><td>")
                .Append(Encode(SupportCodes.Label(r.Kind))).Append("</td><td>").Append(Encode(SupportCodes.Label(r.Urgency))).Append("</td><td>")
                .Append(Encode(r.Title)).Append("</td><td>").Append(Encode(SupportCodes.Label(r.Status)))
                .Append(breached ? " <span class=\"breach\">超时</span>" : "").Append("</td><td>")
                .Append(Encode(r.AssignedRegionCode is { } a && regions.TryGet(a, out var region) ? region.Name : "—")).Append("</td><td>")
                .Append(Time(r.CreatedAt)).Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string NewForm(HttpContext http, IAntiforgery antiforgery, Caller caller, string? problem) =>
        $"<h2 id=\"new\">{Text("提交技术支持请求", "File a support request")}</h2>{problem}"
        + $"<form method=\"post\" action=\"/console/support/requests\" id=\"file-form\">{Antiforgery(http, antiforgery)}<div class=\"grid\">"
        + (caller.SchoolCode is null ? Input("schoolCode", "学校标识码", "School code", max: 10) : Hidden("schoolCode", caller.SchoolCode))
        + Select("kind", "请求类型", "Kind", Options<SupportKind>(SupportCodes.Label))
        + Select("urgency", "紧急程度", "Urgency", Options<SupportUrgency>(SupportCodes.Label), "normal")
        + Input("classroom", "教室（可选）", "Classroom (optional)", max: SupportLimits.ShortText)
        + Input("deviceId", "设备编号（可选，见设备台账）", "Device id (optional, see the register)", max: 19)
        + Select("subject", "学科（应用指导）", "Subject (guidance)", SupportCodes.Subjects.Select(s => (s.Key, s.Value.Zh + " " + s.Key)), empty: true)
        + Select("stage", "学段（应用指导）", "Stage (guidance)", Options<SchoolStage>(SupportCodes.Label), empty: true)
        + "</div>" + Input("title", "标题", "Title", max: SupportLimits.Title)
        + TextArea("description", "问题描述", "Description", SupportLimits.Description, 5)
        + $"<button type=\"submit\" id=\"file-submit\">{Text("提交", "Submit")}</button></form>";
}
