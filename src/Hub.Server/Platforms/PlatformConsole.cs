using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Platforms;

/// <summary>
/// /console/platforms: the admin's view of access applications in their subtree and the decisions on them, as
/// plain server-rendered forms. The console calls the same services as the API, with the admin as the caller.
/// </summary>
public static class PlatformConsole
{
    private static readonly (PlatformAction Action, string Name, string Zh, string En)[] Buttons =
    [
        (PlatformAction.Submit, "submit", "提交", "Submit"),
        (PlatformAction.TakeUnderReview, "review", "受理审核", "Take under review"),
        (PlatformAction.Approve, "approve", "批准", "Approve"),
        (PlatformAction.Reject, "reject", "不予通过", "Reject"),
        (PlatformAction.Suspend, "suspend", "暂停", "Suspend"),
        (PlatformAction.Resume, "resume", "恢复", "Resume"),
    ];

    public static void MapPlatformConsole(this WebApplication app)
    {
        // ConsoleAccess is the gate (sign-in redirect, live admin account); each handler checks its permission.
        var console = app.MapGroup("/console/platforms").ExcludeFromDescription();
        console.MapGet("/", ListAsync);
        console.MapGet("/{id}", ShowAsync);
        console.MapPost("/{id}", ActAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, PlatformAccessStore store, RegionCatalog regions, CancellationToken ct,
        string? after = null)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        if (!(caller.HasScope(HubScopes.PlatformsApply) || caller.HasScope(HubScopes.PlatformsReview)))
        {
            return Forbidden(caller);
        }
        var (items, next) = await store.ListAsync(caller.Scope, null, RegionCursor.IsValid(after) ? after : null, 50, ct);
        var rows = new StringBuilder();
        foreach (var a in items)
        {
            rows.Append("<tr><td><a href=\"/console/platforms/").Append(Encode(a.PublicId)).Append("\">").Append(Encode(a.Form.Name)).Append("</a></td><td>")
                .Append(Encode(regions.TryGet(a.RegionCode, out var r) ? r.Name : a.RegionCode)).Append("</td><td>")
                .Append(Encode(PlatformWorkflow.Label(a.Status))).Append("</td></tr>");
        }
        var more = next is null ? "" : $"<p><a href=\"/console/platforms?after={Encode(next)}\">{Text("下一页", "Next page")}</a></p>";
        var body = rows.Length == 0
            ? "<p>" + Text("暂无接入申请。", "No access applications.") + "</p>"
            : $"<table id=\"platforms\"><tr><th>{Text("平台名称", "Platform")}</th><th>{Text("地区", "Region")}</th><th>{Text("状态", "Status")}</th></tr>{rows}</table>{more}";
        return ConsolePage.Render("平台接入", "Platform access", body, caller);
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext http, PlatformAccessStore store,
        IAntiforgery antiforgery, RegionCatalog regions, CancellationToken ct)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        return await store.FindAsync(id, caller, "platform.read", ct) is { } access
            ? Detail(http, antiforgery, access, caller, regions, null)
            : NotFound(caller);
    }

    private static async Task<IResult> ActAsync(string id, HttpContext http, IFormCollection form,
        PlatformAccessStore store, PlatformOnboarding onboarding, PlatformReview review, IAntiforgery antiforgery, RegionCatalog regions, CancellationToken ct)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var button = Buttons.FirstOrDefault(b => form.ContainsKey(b.Name));
        if (button.Name is null || !Permitted(caller, button.Action))
        {
            return Forbidden(caller);
        }
        if (await store.FindAsync(id, caller, "platform." + button.Name, ct) is not { } access)
        {
            return NotFound(caller);
        }
        var reasons = form["reasons"].ToString();
        PlatformCredentials? credentials = null;
        PlatformOutcome outcome;
        switch (button.Action)
        {
            case PlatformAction.Submit: outcome = await onboarding.SubmitAsync(access, caller, ct); break;
            case PlatformAction.TakeUnderReview: outcome = await review.TakeUnderReviewAsync(access, caller, ct); break;
            case PlatformAction.Approve: (outcome, credentials) = await review.ApproveAsync(access, caller, ct); break;
            case PlatformAction.Reject: outcome = await review.RejectAsync(access, reasons, caller, ct); break;
            case PlatformAction.Suspend: outcome = await review.SuspendAsync(access, reasons, caller, ct); break;
            default: outcome = await review.ResumeAsync(access, reasons, caller, ct); break;
        }
        if (outcome.Access is null)
        {
            var error = outcome.Errors is { Count: > 0 } errors ? new ErrorDefinition(errors[0].Code, 400, errors[0].MessageZh, errors[0].MessageEn) : outcome.Error!;
            var current = await store.FindAsync(id, caller, "platform.read", ct);
            return current is null ? NotFound(caller) : Detail(http, antiforgery, current, caller, regions, error);
        }
        return credentials is null ? Results.Redirect($"/console/platforms/{access.PublicId}") : Issued(credentials, caller);
    }

    private static bool Permitted(Caller caller, PlatformAction action) =>
        caller.HasScope(PlatformWorkflow.IsReview(action) ? HubScopes.PlatformsReview : HubScopes.PlatformsApply);

    private static IResult Detail(HttpContext http, IAntiforgery antiforgery, PlatformAccess access, Caller caller, RegionCatalog regions, ErrorDefinition? error)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var allowed = Buttons.Where(b => PlatformWorkflow.Allows(access.Status, b.Action) && Permitted(caller, b.Action)).ToList();
        var html = new StringBuilder();
        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"error\">").Append(Encode(error.Code)).Append(' ').Append(Text(error.MessageZh, error.MessageEn)).Append("</p>");
        }
        if (allowed.Count > 0)
        {
            html.Append("<form method=\"post\" action=\"/console/platforms/").Append(Encode(access.PublicId)).Append("\">")
                .Append(Hidden(token.FormFieldName, token.RequestToken))
                .Append("<label for=\"reasons\">").Append(Text("理由（不予通过、暂停时必填）", "Reasons (required to reject or suspend)")).Append("</label>")
                .Append("<textarea id=\"reasons\" name=\"reasons\" maxlength=\"500\" rows=\"3\" style=\"width:100%\"></textarea>");
            foreach (var b in allowed)
            {
                html.Append("<button type=\"submit\" name=\"").Append(b.Name).Append("\" value=\"1\">").Append(Text(b.Zh, b.En)).Append("</button> ");
            }
            html.Append("</form>");
        }
        var region = regions.TryGet(access.RegionCode, out var r) ? r.Name : access.RegionCode;
        html.Append("<p>").Append(Text("状态：" + PlatformWorkflow.Label(access.Status), PlatformWorkflow.Wire(access.Status)))
            .Append("<br>").Append(Text("地区：" + region + "（" + access.RegionCode + "）", "Region"))
            .Append("<br>").Append(Text("来源：" + access.Origin, "Origin")).Append("</p>")
            .Append("<h2>").Append(Text("试点平台申报表", "Platform form (attachment 2)")).Append("</h2>")
            .Append(PlatformFormTable.Render(access.Form))
            .Append("<h2>").Append(Text("状态记录", "Status history")).Append("</h2><table id=\"history\">");
        foreach (var t in access.History.OrderBy(t => t.At).ThenBy(t => t.Id))
        {
            html.Append("<tr><td>").Append(Encode(t.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))).Append("</td><td>")
                .Append(Encode((t.From is { } f ? PlatformWorkflow.Label(f) + " → " : "") + PlatformWorkflow.Label(t.To))).Append("</td><td>")
                .Append(Encode(t.Actor)).Append("</td><td>").Append(Encode(t.Reasons)).Append("</td></tr>");
        }
        html.Append("</table>");
        return ConsolePage.Render(access.Form.Name, "Platform access application", html.ToString(), caller, error?.Status ?? 200);
    }

    private static IResult Issued(PlatformCredentials c, Caller caller)
    {
        var body = $"""
            <p class="error">{Text("以下凭据只显示这一次，请立即交给平台妥善保存。", "These credentials are shown only once: hand them to the platform now.")}</p>
            <table id="credentials"><tr><th>client_id</th><td>{Encode(c.ClientId)}</td></tr>
            <tr><th>token_endpoint_auth_method</th><td>{Encode(c.TokenEndpointAuthMethod)}</td></tr>
            {(c.ClientSecret is null ? "" : $"<tr><th>client_secret</th><td>{Encode(c.ClientSecret)}</td></tr>")}
            <tr><th>RabbitMQ</th><td>{Encode($"{c.RabbitMq.Username}@{c.RabbitMq.Host}:{c.RabbitMq.Port}/{c.RabbitMq.VirtualHost}")}</td></tr>
            <tr><th>RabbitMQ password</th><td>{Encode(c.RabbitMq.Password)}</td></tr></table>
            <p><a href="/console/platforms">{Text("返回列表", "Back to the list")}</a></p>
            """;
        return ConsolePage.Render("已批准，凭据已签发", "Approved: credentials issued", body, caller);
    }

    private static IResult Forbidden(Caller caller) =>
        ConsolePage.Render("无权访问", "Forbidden", "<p>" + Text("您没有平台接入的管理权限。", "You hold no platform access permission.") + "</p>", caller, 403);

    private static IResult NotFound(Caller caller) =>
        ConsolePage.Render("未找到", "Not found", "<p>" + Text("申请不存在或不在您的管辖范围内。", "No such application in your jurisdiction.") + "</p>", caller, 404);
}
