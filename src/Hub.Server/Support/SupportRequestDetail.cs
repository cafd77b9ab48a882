using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Support.SupportPageParts;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Support;

/// <summary>/console/support/requests/{number}: one request, its history and conversation, and the actions the operator may take.</summary>
internal static class SupportRequestDetail
{
    private static readonly (SupportAction Action, string Zh, string En)[] Buttons =
    [
        (SupportAction.Start, "开始处理", "Start"), (SupportAction.AskSchool, "请学校补充信息", "Ask the school"),
        (SupportAction.Resolve, "标记已解决", "Resolve"), (SupportAction.Confirm, "确认解决并关闭", "Confirm and close"),
        (SupportAction.Reopen, "未解决，重新打开", "Reopen"), (SupportAction.Cancel, "撤销请求", "Cancel the request"),
    ];

    public static async Task<IResult> ShowAsync(string number, HttpContext http, SupportQueries queries, SupportAccess access, IAntiforgery antiforgery,
        RegionCatalog regions, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        return await queries.FindAsync(number, caller, "support.read", ct) is { } r
            ? await DetailAsync(http, r, caller, queries, access, antiforgery, regions, null, 200, ct)
            : NotFound(caller);
    }

    public static async Task<IResult> ActAsync(string number, HttpContext http, IFormCollection form, SupportQueries queries, SupportAccess access,
        SupportHandling handling, SupportAttachments attachments, IAntiforgery antiforgery, RegionCatalog regions, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        if (await queries.FindAsync(number, caller, "support.act", ct) is not { } r)
        {
            return NotFound(caller);
        }
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
        int? Int(string name) => int.TryParse(Field(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        var op = Field("op");
        SupportOutcome outcome;
        if (SupportWorkflow.ParseAction(op) is { } action && Buttons.Any(b => b.Action == action))
        {
            outcome = await handling.ActAsync(r, action, new SupportActionRequest(Field("note"), Int("version")), caller, ct);
        }
        else if (op == "comment")
        {
            outcome = await handling.CommentAsync(r, new SupportCommentRequest(Field("body"), form["internal"] == "on"), caller, ct);
        }
        else if (op == "rate")
        {
            outcome = await handling.RateAsync(r, new RateSupportRequest(Int("rating"), Field("remark")), caller, ct);
        }
        else if (op == "assign")
        {
            var target = Field("target") ?? "";
            long? Id(string prefix) => target.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(target[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            outcome = await handling.AssignAsync(r, new AssignSupportRequest(Id("team:"), Id("expert:"), Field("assignee"), Field("note"), Int("version")), caller, ct);
        }
        else if (op == "attach" && form.Files.GetFile("file") is { } file)
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(buffer, ct);
            var (view, error, field) = await attachments.AddAsync(r, Path.GetFileName(file.FileName), buffer.ToArray(), caller, ct);
            outcome = view is not null ? new SupportOutcome(r) : field is null ? SupportOutcome.Fail(error!) : SupportOutcome.Invalid(field, error!);
        }
        else
        {
            outcome = SupportOutcome.Fail(GeneralErrors.BadRequest);
        }
        if (outcome.Request is not null)
        {
            return Results.Redirect("/console/support/requests/" + r.Number);
        }
        var current = await queries.FindAsync(number, caller, "support.read", ct);
        return current is null ? NotFound(caller)
            : await DetailAsync(http, current, caller, queries, access, antiforgery, regions, Problem(outcome.Error, outcome.Errors), outcome.Error?.Status ?? 400, ct);
    }

    public static async Task<IResult> DownloadAsync(string number, long id, HttpContext http, SupportQueries queries, SupportAttachments attachments, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        return await queries.FindAsync(number, caller, "support.download", ct) is { } r && await attachments.FindAsync(r, id, ct) is { } file
            ? SupportEndpoints.File(http, file) : NotFound(caller);
    }

    private static async Task<IResult> DetailAsync(HttpContext http, SupportRequest r, Caller caller, SupportQueries queries, SupportAccess access,
        IAntiforgery antiforgery, RegionCatalog regions, string? problem, int status, CancellationToken ct)
    {
        var view = await queries.ViewAsync(r, caller, ct);
        var school = SupportAccess.IsSchoolSide(caller, r);
        var handler = await access.IsHandlerAsync(caller, r, ct);
        var lead = await access.IsLeadAsync(caller, r, ct);
        var token = Antiforgery(http, antiforgery);
        string Form(string inner, string id, bool file = false) =>
            $"<form method=\"post\" id=\"{id}\" action=\"/console/support/requests/{Encode(r.Number)}\"{(file ? " enctype=\"multipart/form-data\"" : "")}>{token}{Hidden("version", r.Version.ToString(CultureInfo.InvariantCulture))}{inner}</form>";
        string Region(string? code) => code is null ? "—" : Encode((regions.TryGet(code, out var reg) ? reg.Name : code) + "（" + code + "）");

        var html = new StringBuilder(problem);
        html.Append("<table id=\"summary\">")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("状态", "Status")}</th><td id=\"status\">{Encode(SupportCodes.Label(r.Status))} <span class=\"en\">{view.Status}</span></td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("学校", "School")}</th><td>{Encode(view.SchoolName)}（{Encode(r.SchoolCode)}） · {Region(r.SchoolRegionCode)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("类型 / 紧急程度", "Kind / urgency")}</th><td>{Encode(SupportCodes.Label(r.Kind))} / {Encode(SupportCodes.Label(r.Urgency))}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("教室 / 设备", "Classroom / device")}</th><td>{Encode(r.Classroom ?? "—")} / {Encode(r.DeviceId?.ToString(CultureInfo.InvariantCulture) ?? "—")}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("受理", "Assigned to")}</th><td id=\"assignment\">{Encode(view.Assignment?.TeamName ?? (view.Assignment?.ExpertId is not null ? "专家 Expert" : "未分派 Unrouted"))} · {Region(r.AssignedRegionCode)}{(view.Assignment?.AssigneeHubId is { } a ? " · " + Encode(a) : "")}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("响应时限", "Respond by")}</th><td>{Time(r.ResponseDueAt)} {(view.ResponseBreached ? "<span class=\"breach\">超时 breached</span>" : "")}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{Text("解决时限", "Resolve by")}</th><td>{Time(r.ResolutionDueAt)} {(view.ResolutionBreached ? "<span class=\"breach\">超时 breached</span>" : "")}</td></tr>")
            .Append(r.EscalatedRegionCode is null ? "" : $"<tr><th>{Text("已升级至", "Escalated to")}</th><td>{Region(r.EscalatedRegionCode)}</td></tr>")
            .Append(r.Rating is null ? "" : $"<tr><th>{Text("评价", "Rating")}</th><td id=\"rating\">{r.Rating} / 5 {Encode(r.RatingRemark)}</td></tr>")
            .Append("</table>")
            .Append(CultureInfo.InvariantCulture, $"<h2>{Encode(r.Title)}</h2><p style=\"white-space:pre-wrap\">{Encode(r.Description)}</p>");
        if (r.Resolution is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>{Text("解决方案", "Resolution")}</strong></p><p id=\"resolution\" style=\"white-space:pre-wrap\">{Encode(r.Resolution)}</p>");
        }
        var buttons = Buttons.Where(b => SupportWorkflow.Allows(r.Status, b.Action)
            && (SupportWorkflow.Rule(b.Action).Side == SupportSide.School ? school : handler)).ToList();
        if (buttons.Count > 0)
        {
            html.Append("<div class=\"actions\">").Append(Form(TextArea("note", "说明（提问、解决方案、重新打开或撤销原因）", "Note (question, resolution, reason)", SupportLimits.Comment)
                + string.Concat(buttons.Select(b => $"<button type=\"submit\" name=\"op\" value=\"{SupportWorkflow.Wire(b.Action)}\" id=\"op-{SupportWorkflow.Wire(b.Action)}\">{Text(b.Zh, b.En)}</button> ")), "act")).Append("</div>");
        }
        if (lead && SupportWorkflow.Allows(r.Status, SupportAction.Assign))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Text("改派", "Reassign")}</h3>").Append(Form(Input("target", "目标（team:团队编号 或 expert:专家编号）", "Target (team:ID or expert:ID)", max: 40)
                + Input("assignee", "指定成员（实名号，可选）", "Member hub id (optional)", max: 40)
                + $"<button type=\"submit\" name=\"op\" value=\"assign\" id=\"op-assign\">{Text("改派", "Reassign")}</button>", "assign"));
        }
        if (school && r.Status == SupportStatus.Closed && r.Rating is null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Text("评价处理结果", "Rate the outcome")}</h3>").Append(Form(
                Select("rating", "评分（1–5）", "Rating (1–5)", Enumerable.Range(1, 5).Reverse().Select(n => (n.ToString(CultureInfo.InvariantCulture), new string('★', n))))
                + Input("remark", "附言（可选）", "Remark (optional)", max: SupportLimits.Comment)
                + $"<button type=\"submit\" name=\"op\" value=\"rate\" id=\"op-rate\">{Text("提交评价", "Rate")}</button>", "rate"));
        }
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Text("留言", "Comments")}</h3><div id=\"comments\">");
        foreach (var c in view.Comments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"comment {c.Side}{(c.Internal ? " internal" : "")}\"><div class=\"en\">{Encode(c.Side == "school" ? "学校" : "支持人员")} · {Encode(c.Actor)} · {Time(c.CreatedAt)}{(c.Internal ? " · 内部备注" : "")}</div><div style=\"white-space:pre-wrap\">{Encode(c.Body)}</div></div>");
        }
        html.Append("</div>");
        if ((school || handler || lead) && SupportWorkflow.Open.Concat([SupportStatus.Resolved]).Contains(r.Status))
        {
            html.Append(Form(TextArea("body", "新留言", "New comment", SupportLimits.Comment)
                + (SupportAccess.SeesInternal(caller) && (handler || lead) ? $"<label><input type=\"checkbox\" name=\"internal\"> {Text("内部备注（学校不可见）", "Internal note (hidden from the school)")}</label>" : "")
                + $"<button type=\"submit\" name=\"op\" value=\"comment\" id=\"op-comment\">{Text("发送", "Send")}</button>", "comment"));
            html.Append(Form($"<label for=\"file\">{Text("上传附件（PNG、JPEG、GIF、PDF、文本）", "Attach a file (PNG, JPEG, GIF, PDF, text)")}</label><input type=\"file\" id=\"file\" name=\"file\">"
                + $"<button type=\"submit\" name=\"op\" value=\"attach\" id=\"op-attach\">{Text("上传", "Upload")}</button>", "attach", file: true));
        }
        html.Append(CultureInfo.InvariantCulture, $"<h3>{Text("附件", "Attachments")}</h3><ul id=\"attachments\">");
        foreach (var file in view.Attachments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/console/support/requests/{Encode(r.Number)}/attachments/{file.Id}\">{Encode(file.FileName)}</a> <span class=\"en\">{Encode(file.ContentType)} · {file.Size} B</span></li>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</ul><h3>{Text("状态记录", "History")}</h3><table id=\"history\">");
        foreach (var t in view.History)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(t.At)}</td><td>{Encode(t.Action)}</td><td>{Encode(t.From)} → {Encode(t.To)}</td><td>{Encode(t.Actor)}</td><td>{Encode(t.Note)}</td></tr>");
        }
        html.Append("</table>");
        return Page(r.Number, "Support request " + r.Number, html.ToString(), caller, status);
    }
}
