using System.Globalization;
using System.Security.Claims;
using System.Text;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Regions;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Pilot.PilotPageParts;

namespace Hub.Server.Pilot;

/// <summary>
/// The pilot console (/console/pilot), zh-CN first with English: the list of applications in the operator's
/// jurisdiction, the application with its computed coverage and export links, and the actions the operator may take.
/// Operators sign in at /account/login; the pages call the same services as the API, with the same checks.
/// </summary>
public static class PilotPages
{
    public static void MapPilotPages(this WebApplication app)
    {
        var console = app.MapGroup("/console/pilot").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AccountEndpoints.SessionScheme).RequireAuthenticatedUser());
        console.MapGet("/", ListAsync);
        console.MapGet("/new", PilotFormPage.NewAsync);
        console.MapPost("/new", (IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions, PilotApplications service,
            IAntiforgery af) => PilotFormPage.SaveAsync(null, form, http, user, sessions, service, af));
        console.MapGet("/{id:long}", ViewAsync);
        console.MapGet("/{id:long}/edit", PilotFormPage.EditAsync);
        console.MapPost("/{id:long}/edit", (long id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
            PilotApplications service, IAntiforgery af) => PilotFormPage.SaveAsync(id, form, http, user, sessions, service, af));
        console.MapPost("/{id:long}/submit", SubmitAsync);
        console.MapGet("/{id:long}/export/{attachment}", ExportAsync);
        console.MapGet("/{id:long}/review", PilotReviewPage.ShowAsync);
        console.MapPost("/{id:long}/scoring", PilotReviewPage.ScoreAsync);
        console.MapPost("/{id:long}/decision", PilotReviewPage.DecideAsync);
        console.MapPost("/{id:long}/publish", PilotReviewPage.PublishAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ClaimsPrincipal user, OperatorSessions sessions, PilotApplications service,
        RegionCatalog regions)
    {
        if (await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller)
        {
            return Forbidden();
        }
        var rows = new StringBuilder();
        foreach (var a in await service.ListAsync(caller, http.RequestAborted))
        {
            var (zh, en) = PilotQueries.Label(a.Status);
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/console/pilot/{a.Id}\">#{a.Id}</a></td><td>{HubPage.Encode(PilotDocument.RegionName(regions, a.RegionCode))}（{a.RegionCode}）</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HubPage.Text(a.Kind == PilotApplicationKind.Provincial ? "省级汇总申报" : "直接申报", a.Kind.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HubPage.Text(zh, en)}</td><td>{a.UpdatedAt.ToOffset(PilotOptions.ChinaOffset):yyyy-MM-dd HH:mm}</td></tr>");
        }
        var body = new StringBuilder();
        if (PilotAccess.IsApplicant(caller))
        {
            body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/console/pilot/new\">{HubPage.Text("新建申报", "New application")}</a></p>");
        }
        body.Append(rows.Length == 0
            ? "<p>" + HubPage.Text("暂无申报。", "No applications.") + "</p>"
            : $"<table id=\"applications\"><tr><th>编号</th><th>{HubPage.Text("申报地区", "Region")}</th><th>{HubPage.Text("类型", "Kind")}</th><th>{HubPage.Text("状态", "Status")}</th><th>{HubPage.Text("更新时间", "Updated")}</th></tr>{rows}</table>");
        return Page("体系试点申报", "Pilot applications", body.ToString(), caller: caller);
    }

    private static async Task<IResult> ViewAsync(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotQueries queries, IAntiforgery antiforgery) =>
        await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller ? Forbidden()
        : await service.FindAsync(id, caller, http.RequestAborted) is not { } a ? NotFound()
        : await RenderViewAsync(a, caller, http, queries, antiforgery, null);

    private static async Task<IResult> SubmitAsync(long id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotQueries queries, IAntiforgery antiforgery)
    {
        if (await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller)
        {
            return Forbidden();
        }
        if (await service.FindAsync(id, caller, http.RequestAborted) is not { } a)
        {
            return NotFound();
        }
        var result = await service.SubmitAsync(a, null, caller, http.RequestAborted);
        return result.Ok ? Results.Redirect($"/console/pilot/{id}")
            : await RenderViewAsync(a, caller, http, queries, antiforgery, (Problem(result.Error, result.Errors), Status(result)));
    }

    private static async Task<IResult> ExportAsync(long id, string attachment, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotExports exports, string? format = "xlsx", int? platform = null, int? region = null)
    {
        if (await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller)
        {
            return Forbidden();
        }
        if (await service.FindAsync(id, caller, http.RequestAborted) is not { } a)
        {
            return NotFound();
        }
        var file = await exports.ExportAsync(a, attachment, format, platform, region, http.RequestAborted);
        return file.Ok ? Results.File(file.Value!.Bytes, file.Value.ContentType, file.Value.FileName)
            : Page("无法导出", "Cannot export", Nav() + Problem(file.Error, file.Errors), Status(file));
    }

    internal static async Task<IResult> RenderViewAsync(PilotApplication a, Api.Caller caller, HttpContext http, PilotQueries queries,
        IAntiforgery antiforgery, (string Html, int Status)? problem)
    {
        var view = await queries.ViewAsync(a, http.RequestAborted);
        var token = Antiforgery(http, antiforgery);
        var html = new StringBuilder(Nav());
        if (a.Status == PilotApplicationStatus.Draft && PilotAccess.CanEdit(caller, a))
        {
            html.Append(ButtonForm($"/console/pilot/{a.Id}/submit", token, "submit", "提交申报", "Submit the application"))
                .Append(CultureInfo.InvariantCulture, $"<p><a href=\"/console/pilot/{a.Id}/edit\">{HubPage.Text("编辑草稿", "Edit the draft")}</a></p>");
        }
        html.Append(problem?.Html);
        var (zh, en) = PilotQueries.Label(a.Status);
        html.Append("<table id=\"facts\">")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{HubPage.Text("状态", "Status")}</th><td id=\"status\">{HubPage.Text(zh, en)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{HubPage.Text("申报地区", "Region")}</th><td>{HubPage.Encode(view.RegionName)}（{a.RegionCode}）</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>{HubPage.Text("截止时间", "Deadline")}</th><td>{view.Deadline:yyyy-MM-dd} 24:00（北京时间 / Beijing time）</td></tr>");
        if (a.DecisionReason is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{HubPage.Text("审定意见", "Decision")}</th><td>{HubPage.Encode(a.DecisionReason)}</td></tr>");
        }
        html.Append("</table><h2>").Append(HubPage.Text("试点学校覆盖率（按枢纽学校登记计算）", "Pilot school coverage (computed from the registry)")).Append("</h2>")
            .Append("<table id=\"coverage\"><tr><th>平台</th><th>试点地区</th><th>试点学校/中小学</th><th>覆盖率</th><th>附件 3</th></tr>");
        foreach (var c in view.Coverage)
        {
            var export = $"/console/pilot/{a.Id}/export/attachment-3?platform={c.Platform}&amp;region={c.Region}&amp;format=";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.Platform + 1}</td><td>{HubPage.Encode(c.RegionName)}（{c.RegionCode}）</td><td>{c.PilotSchools}/{c.AllSchools}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{(c.Meets ? "ok" : "error")}\">{c.Percent} {(c.Meets ? "✓" : "✗ &lt; 85%")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"{export}csv\">CSV</a> <a href=\"{export}xlsx\">XLSX</a></td></tr>");
        }
        html.Append("</table><h2>").Append(HubPage.Text("导出", "Exports")).Append("</h2><ul id=\"exports\">");
        for (var p = 0; p < (view.Content.Platforms?.Length ?? 0); p++)
        {
            var export = $"/console/pilot/{a.Id}/export/attachment-2?platform={p}&amp;format=";
            html.Append(CultureInfo.InvariantCulture, $"<li>{HubPage.Text($"附件 2 平台 {p + 1}", $"Attachment 2, platform {p + 1}")}: <a href=\"{export}csv\">CSV</a> <a href=\"{export}xlsx\">XLSX</a></li>");
        }
        if (a.Kind == PilotApplicationKind.Provincial)
        {
            var export = $"/console/pilot/{a.Id}/export/attachment-4?format=";
            html.Append(CultureInfo.InvariantCulture, $"<li>{HubPage.Text("附件 4 省级汇总表", "Attachment 4")}: <a href=\"{export}csv\">CSV</a> <a href=\"{export}xlsx\">XLSX</a></li>");
        }
        html.Append("</ul>");
        if (PilotAccess.IsNational(caller, HubScopes.PilotReview) || PilotAccess.IsNational(caller, HubScopes.PilotDecide))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/console/pilot/{a.Id}/review\">{HubPage.Text("评审与审定", "Review and decision")}</a></p>");
        }
        return Page($"试点申报 #{a.Id}", $"Pilot application #{a.Id}", html.ToString(), problem?.Status ?? 200, caller);
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
