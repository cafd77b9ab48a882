using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Identity.SignIn;
using Hub.Server.Regions;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Apps;

/// <summary>The review pages: pending applications in the subtree, and one application with its decision form.</summary>
internal static class AppConsolePages
{
    public static IResult List(Caller reviewer, List<(AppSelection Selection, VendorApp App)> items, string? next, string? done, RegionCatalog regions)
    {
        var body = new StringBuilder();
        if (done is "approved" or "rejected")
        {
            body.Append("<p role=\"status\" id=\"done\">").Append(done == "approved"
                ? Text("已审核通过，该地区及其下级地区的用户现在可以登录此应用。", "Approved: people of the region and the regions below it can now sign in to the app.")
                : Text("已不予通过，理由已告知厂商。", "Rejected: the vendor sees your reasons.")).Append("</p>");
        }
        if (items.Count == 0)
        {
            body.Append("<p>").Append(Text("没有待审核的申请。", "No applications are waiting.")).Append("</p>");
        }
        else
        {
            body.Append("<table id=\"applications\"><tr><th>").Append(Text("应用", "App")).Append("</th><th>")
                .Append(Text("类别", "Category")).Append("</th><th>").Append(Text("申请地区", "Region")).Append("</th><th></th></tr>");
            foreach (var (selection, app) in items)
            {
                body.Append("<tr><td>").Append(Encode(app.Name)).Append("</td><td>").Append(Encode(AppCategories.Label(app.Category)))
                    .Append("</td><td>").Append(Encode(RegionName(selection.RegionCode, regions))).Append("</td><td>")
                    .Append(CultureInfo.InvariantCulture, $"<a href=\"/console/apps/{selection.Id}\">审核 <span class=\"en\">Review</span></a></td></tr>");
            }
            body.Append("</table>");
        }
        if (next is not null)
        {
            body.Append("<p><a href=\"/console/apps?after=").Append(Uri.EscapeDataString(next)).Append("\">下一页 <span class=\"en\">Next page</span></a></p>");
        }
        return ConsolePage.Render("应用接入审核", "Vendor app review", body.ToString(), reviewer);
    }

    public static IResult Detail(HttpContext http, IAntiforgery antiforgery, Caller reviewer, AppSelection selection, VendorApp app, RegionCatalog regions,
        DecisionRequest? typed, List<(string Zh, string En)>? errors, int status = 200)
    {
        var body = new StringBuilder("<table id=\"app\">");
        Row(body, "应用名称", "Name", Encode(app.Name));
        Row(body, "厂商", "Vendor", Encode(app.VendorClientId));
        Row(body, "类别", "Category", Text(AppCategories.Label(app.Category), AppCategories.EnglishLabel(app.Category)));
        Row(body, "简介", "Description", Encode(app.Description));
        Row(body, "回调地址", "Redirect URIs", string.Join("<br>", app.RedirectUris.Select(Encode)));
        Row(body, "申请获取的信息", "Data requested", string.Join("<br>", app.Scopes.Select(s => ScopeText.Describe(s)).Select(d => Text(d.Zh, d.En))));
        Row(body, "联系人", "Contact", Encode($"{app.ContactName} {app.ContactEmail} {app.ContactPhone}"));
        Row(body, "申请地区", "Region", Encode(RegionName(selection.RegionCode, regions)));
        Row(body, "申请说明", "Note", Encode(selection.Note));
        Row(body, "状态", "Status", Encode(AppViews.Status(selection.Status)));
        body.Append("</table>");
        if (selection.Status != AppSelectionStatus.Applied)
        {
            body.Append("<p>").Append(Text("该申请已处理。", "This application has been decided.")).Append(' ').Append(Encode(selection.Reasons)).Append("</p>");
            return ConsolePage.Render("应用选用申请", "Application", body.ToString(), reviewer, status);
        }
        foreach (var (zh, en) in errors ?? [])
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Text(zh, en)).Append("</p>");
        }
        var token = antiforgery.GetAndStoreTokens(http);
        body.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/console/apps/{selection.Id}">
              {Hidden(token.FormFieldName, token.RequestToken)}
              <label for="testNotes">{Text("测试情况（可选）", "What you tested (optional)")}</label>
              <textarea id="testNotes" name="testNotes" rows="3" maxlength="{AppValidator.MaxTestNotes}">{Encode(typed?.TestNotes)}</textarea>
              <label for="reasons">{Text("不予通过的理由（不予通过时必填）", "Reasons (required to reject)")}</label>
              <textarea id="reasons" name="reasons" rows="3" maxlength="{AppValidator.MaxReasons}">{Encode(typed?.Reasons)}</textarea>
              <button type="submit" name="submit.approve" value="1" id="approve">通过 <span class="en">Approve</span></button>
              <button class="secondary" type="submit" name="submit.reject" value="1" id="reject">不予通过 <span class="en">Reject</span></button>
            </form>
            """);
        return ConsolePage.Render("应用选用申请", "Application", body.ToString(), reviewer, status);
    }

    public static IResult NotFound(Caller reviewer) => ConsolePage.Render("申请不存在", "Not found",
        "<p>" + Text("该申请不存在或不在您的管辖范围内。", "The application does not exist or is outside your jurisdiction.") + "</p>"
        + "<p><a href=\"/console/apps\">返回列表 <span class=\"en\">Back to the list</span></a></p>", reviewer, 404);

    private static void Row(StringBuilder body, string zh, string en, string valueHtml) =>
        body.Append("<tr><th>").Append(Text(zh, en)).Append("</th><td>").Append(valueHtml).Append("</td></tr>");

    private static string RegionName(string code, RegionCatalog regions) =>
        regions.TryGet(code, out var region) ? $"{region.Name}（{code}）" : code;
}
