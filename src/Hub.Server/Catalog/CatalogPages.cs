using System.Text;
using Hub.Server.Api;
using Hub.Server.Catalog.Review;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Catalog;

/// <summary>
/// /console/resources: a reviewer (resources:review) sees the resources waiting at their level, decides them, and
/// searches the catalog their region holds. The pages call <see cref="ResourceReviews"/> and <see cref="CatalogQueries"/>
/// with the operator account as the caller, so jurisdiction, level rule and audit are the API's.
/// </summary>
public static class CatalogPages
{
    public static void MapCatalogPages(this WebApplication app)
    {
        var console = app.MapGroup("/console/resources").ExcludeFromDescription();
        console.MapGet("/", ListAsync);
        console.MapGet("/{resourceId}", ShowAsync);
        // [FromForm] parameters make the framework check the antiforgery token before the handler runs.
        console.MapPost("/{resourceId}", DecideAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, CatalogQueries catalog, string? q = null, string? done = null)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.ResourcesReview);
        if (reviewer is null)
        {
            return denied!;
        }
        var ct = http.RequestAborted;
        var own = reviewer.RegionCode ?? "000000";
        var pending = await catalog.Managed(reviewer).Where(r => r.Status == ResourceStatus.Pending && r.OriginRegionCode == own)
            .OrderBy(r => r.Id).Take(100).ToListAsync(ct);
        var body = new StringBuilder();
        if (done is "approved" or "rejected")
        {
            body.Append("<p role=\"status\" id=\"done\">").Append(done == "approved"
                ? Text("已审核通过：该资源已进入本级及以上各级资源目录。", "Approved: the resource is in this level's catalog and every catalog above it.")
                : Text("已不予通过，理由已告知提供方。", "Rejected: the provider sees your reasons.")).Append("</p>");
        }
        body.Append("<section id=\"pending\"><h2>").Append(Text($"待审核（{pending.Count}）", $"Waiting for review ({pending.Count})")).Append("</h2>");
        body.Append(pending.Count == 0 ? "<p>" + Text("没有待审核的资源。", "Nothing is waiting.") + "</p>" : Table(pending, true)).Append("</section>");
        var query = string.IsNullOrWhiteSpace(q) || q.Length > CatalogText.MaxQueryLength || CatalogText.Query(q) is null ? null : q.Trim();
        var (found, _) = await catalog.SearchAsync(reviewer, new CatalogFilter(query, null, null, null, null, null, null, null, null), null, 50, ct);
        body.Append("<section id=\"catalog\"><h2>").Append(Text("资源目录", "Catalog")).Append("</h2>")
            .Append("<form method=\"get\" action=\"/console/resources\"><label for=\"q\">").Append(Text("检索题名与描述", "Search titles and descriptions"))
            .Append("</label><input id=\"q\" name=\"q\" maxlength=\"100\" value=\"").Append(Encode(query)).Append("\">")
            .Append("<button id=\"search\" type=\"submit\">检索 <span class=\"en\">Search</span></button></form>")
            .Append(found.Count == 0 ? "<p>" + Text("没有符合条件的资源。", "No resources match.") + "</p>" : Table(found, false)).Append("</section>");
        return ConsolePage.Render("资源审核与资源目录", "Resource review and catalog", body.ToString(), reviewer);
    }

    private static string Table(List<CatalogResource> rows, bool review)
    {
        var html = new StringBuilder("<table><tr><th>").Append(Text("题名", "Title")).Append("</th><th>").Append(Text("学科 · 学段", "Subject · stage"))
            .Append("</th><th>").Append(Text("类型", "Type")).Append("</th><th>").Append(Text("来源", "Origin")).Append("</th><th>")
            .Append(Text("提供方", "Provider")).Append("</th></tr>");
        foreach (var r in rows)
        {
            html.Append("<tr><td>").Append(review ? $"<a href=\"/console/resources/{Encode(r.ResourceId)}\">{Encode(r.Title)}</a>" : Encode(r.Title))
                .Append("</td><td>").Append(Encode(CatalogCodes.Zh(CatalogCodes.Subjects, r.Subject) + " · " + CatalogCodes.Zh(CatalogCodes.Stages, r.Stage)))
                .Append("</td><td>").Append(Encode(CatalogCodes.Zh(CatalogCodes.ResourceTypes, r.ResourceType))).Append("</td><td>")
                .Append(Encode(CatalogCodes.Zh(CatalogCodes.OriginLevels, r.OriginLevel) + " " + (r.OriginLevel == "national" ? "" : r.OriginRegionCode)))
                .Append("</td><td>").Append(Encode(r.ProviderName)).Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static async Task<IResult> ShowAsync(string resourceId, HttpContext http, CatalogQueries catalog, IAntiforgery antiforgery)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.ResourcesReview);
        if (reviewer is null)
        {
            return denied!;
        }
        return await catalog.FindAsync(reviewer, resourceId, "resource.read", http.RequestAborted) is { } row
            ? Detail(http, antiforgery, reviewer, row, null) : NotFound(reviewer);
    }

    private static async Task<IResult> DecideAsync(string resourceId, HttpContext http, ResourceReviews reviews, CatalogQueries catalog, IAntiforgery antiforgery,
        [FromForm] string? reasons, [FromForm(Name = "submit.approve")] string? approve)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.ResourcesReview);
        if (reviewer is null)
        {
            return denied!;
        }
        var approving = !string.IsNullOrEmpty(approve);
        var lines = (reasons ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var outcome = await reviews.DecideAsync(reviewer, resourceId, new ReviewDecisionRequest(approving ? "approve" : "reject", lines), http.RequestAborted);
        if (outcome.Resource is not null)
        {
            return Results.Redirect("/console/resources?done=" + (approving ? "approved" : "rejected"));
        }
        return await catalog.FindAsync(reviewer, resourceId, "resource.read", http.RequestAborted) is { } row
            ? Detail(http, antiforgery, reviewer, row, outcome.Error) : NotFound(reviewer);
    }

    private static IResult Detail(HttpContext http, IAntiforgery antiforgery, Caller reviewer, CatalogResource r, Problems.ErrorDefinition? error)
    {
        var body = new StringBuilder("<table id=\"resource\">");
        void Row(string zh, string en, string? value) =>
            body.Append("<tr><th>").Append(Text(zh, en)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        Row("题名", "Title", r.Title);
        Row("描述", "Description", r.Description);
        Row("学科", "Subject", CatalogCodes.Zh(CatalogCodes.Subjects, r.Subject));
        Row("学段与年级", "Stage and grades", CatalogCodes.Zh(CatalogCodes.Stages, r.Stage) + " " + string.Join(",", r.Grades));
        Row("教材", "Textbook", $"{r.TextbookEdition} {r.TextbookVolume} {string.Join(" / ", r.Chapter)}");
        Row("类型与格式", "Type and format", CatalogCodes.Zh(CatalogCodes.ResourceTypes, r.ResourceType) + " · " + r.Format);
        Row("使用许可", "Licence", CatalogCodes.Zh(CatalogCodes.Licences, r.LicenceKind) + (r.Price is { } p ? " ¥" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
        Row("提供方", "Provider", r.ProviderName);
        Row("来源", "Origin", CatalogCodes.Zh(CatalogCodes.OriginLevels, r.OriginLevel) + " " + r.OriginRegionCode + " " + r.OriginSchoolCode);
        Row("访问地址", "Location", r.LocationUrl);
        Row("状态", "Status", CatalogViews.Status(r.Status) + " " + string.Join("; ", r.Reasons));
        body.Append("</table>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Text(error.MessageZh, error.MessageEn)).Append("</p>");
        }
        if (r.Status == ResourceStatus.Pending && (reviewer.RegionCode ?? "000000") == r.OriginRegionCode)
        {
            var token = antiforgery.GetAndStoreTokens(http);
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                <form method="post" action="/console/resources/{Encode(r.ResourceId)}">
                  {Hidden(token.FormFieldName, token.RequestToken)}
                  <label for="reasons">{Text("不予通过的理由（每行一条，不予通过时必填）", "Reasons, one per line (required to reject)")}</label>
                  <textarea id="reasons" name="reasons" rows="4" maxlength="5000"></textarea>
                  <button type="submit" name="submit.approve" value="1" id="approve">通过 <span class="en">Approve</span></button>
                  <button class="secondary" type="submit" name="submit.reject" value="1" id="reject">不予通过 <span class="en">Reject</span></button>
                </form>
                """);
        }
        body.Append("<p><a href=\"/console/resources\">返回 <span class=\"en\">Back</span></a></p>");
        return ConsolePage.Render("资源审核", "Resource review", body.ToString(), reviewer);
    }

    private static IResult NotFound(Caller reviewer) => ConsolePage.Render("未找到", "Not found",
        "<p class=\"error\">" + Text("资源不存在或不在您的管辖范围内。", "No such resource in your jurisdiction.") + "</p>", reviewer, StatusCodes.Status404NotFound);
}
