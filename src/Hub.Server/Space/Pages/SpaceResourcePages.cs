using System.Globalization;
using System.Text;
using Hub.Server.Catalog;
using Hub.Server.Catalog.Push;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Space.Pages;

/// <summary>The resource inbox on /space (资源推送) and its actions: save, dismiss, rate (the person's own marks only).</summary>
public static class SpaceResourcePages
{
    public static void MapSpaceResourcePages(this WebApplication app) =>
        // [FromForm] parameters make the framework check the antiforgery token before the handler runs.
        app.MapPost("/space/resources/{resourceId}", MarkAsync).ExcludeFromDescription();

    /// <summary>The section of /space: pushed resources (or the saved ones), each with its actions.</summary>
    internal static string Section(HttpContext http, IAntiforgery antiforgery, ResourceInboxPage page, bool saved)
    {
        var html = new StringBuilder("<section id=\"resource-inbox\"><h2>").Append(HubPage.Text("资源推送", "Resources pushed to you")).Append("</h2><p>")
            .Append(saved ? "<a href=\"/space\">全部 <span class=\"en\">All</span></a> · <strong>已收藏 <span class=\"en\">Saved</span></strong>"
                : "<strong>全部 <span class=\"en\">All</span></strong> · <a id=\"show-saved\" href=\"/space?saved=1\">已收藏 <span class=\"en\">Saved</span></a>")
            .Append("</p>");
        if (page.Items.Count == 0)
        {
            return html.Append("<p class=\"muted\">").Append(HubPage.Text("暂无推送给您的资源。", "No resources have been pushed to you.")).Append("</p></section>").ToString();
        }
        var token = antiforgery.GetAndStoreTokens(http);
        html.Append("<table><tr><th>资源 <span class=\"en\">Resource</span></th><th>来自 <span class=\"en\">From</span></th><th>")
            .Append("使用 <span class=\"en\">Access</span></th><th></th></tr>");
        foreach (var item in page.Items)
        {
            var id = HubPage.Encode(item.ResourceId);
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"resource\" data-id=\"{id}\"><td><a href=\"{HubPage.Encode(item.Url)}\" rel=\"noopener\">{HubPage.Encode(item.Title)}</a>")
                .Append("<div class=\"muted\">").Append(HubPage.Encode(CatalogCodes.Zh(CatalogCodes.Subjects, item.Subject) + " · "
                    + CatalogCodes.Zh(CatalogCodes.Stages, item.Stage) + " · " + CatalogCodes.Zh(CatalogCodes.ResourceTypes, item.ResourceType) + " · " + item.ProviderName))
                .Append(item.Note is null ? "" : "<br>" + HubPage.Encode(item.Note)).Append("</div></td><td>").Append(HubPage.Encode(item.PushedByName))
                .Append("<div class=\"muted\">").Append(SpacePage.Time(item.PushedAt)).Append("</div></td><td>").Append(Access(item.Access)).Append("</td><td>")
                .Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"/space/resources/{id}\">{HubPage.Hidden(token.FormFieldName, token.RequestToken)}")
                .Append(item.Saved ? "<button class=\"secondary\" name=\"action\" value=\"unsave\">取消收藏 <span class=\"en\">Unsave</span></button>"
                    : "<button name=\"action\" value=\"save\">收藏 <span class=\"en\">Save</span></button>")
                .Append(" <button class=\"secondary\" name=\"action\" value=\"dismiss\">不再显示 <span class=\"en\">Dismiss</span></button> ")
                .Append("<select name=\"rating\" aria-label=\"评分 Rating\">")
                .Append(string.Concat(Enumerable.Range(1, 5).Select(n => $"<option value=\"{n}\"{(item.Rating == n ? " selected" : "")}>{n} ★</option>")))
                .Append("</select> <button class=\"secondary\" name=\"action\" value=\"rate\">评分 <span class=\"en\">Rate</span></button></form></td></tr>");
        }
        html.Append("</table>");
        if (page.Next is not null)
        {
            html.Append("<p><a href=\"/space?").Append(saved ? "saved=1&amp;" : "").Append("resources=").Append(Uri.EscapeDataString(page.Next))
                .Append("\">更多资源 <span class=\"en\">More</span></a></p>");
        }
        return html.Append("</section>").ToString();
    }

    /// <summary>The person's latest usage records (资源应用情况信息库 holds them; the export carries all of them).</summary>
    internal static string UsageSection(IReadOnlyList<Usage.UsageHistoryItem> items)
    {
        var html = new StringBuilder("<section id=\"usage-history\"><h2>").Append(HubPage.Text("我的资源使用记录", "My resource usage")).Append("</h2>");
        if (items.Count == 0)
        {
            return html.Append("<p class=\"muted\">").Append(HubPage.Text("暂无使用记录。", "No usage recorded yet.")).Append("</p></section>").ToString();
        }
        html.Append("<table><tr><th>时间 <span class=\"en\">When</span></th><th>资源 <span class=\"en\">Resource</span></th><th>操作 <span class=\"en\">What</span></th></tr>");
        foreach (var item in items)
        {
            html.Append("<tr class=\"usage\"><td>").Append(SpacePage.Time(item.OccurredAt)).Append("</td><td>").Append(HubPage.Encode(item.Title))
                .Append("</td><td>").Append(UsageType(item.Type, item.Value)).Append("</td></tr>");
        }
        return html.Append("</table></section>").ToString();
    }

    private static string UsageType(string type, int value) => type switch
    {
        "view" => HubPage.Text("浏览", "Viewed"),
        "download" => HubPage.Text("下载", "Downloaded"),
        "favourite" => value == 1 ? HubPage.Text("收藏", "Favourited") : HubPage.Text("取消收藏", "Unfavourited"),
        "rate" => HubPage.Text($"评分 {value}", $"Rated {value}"),
        "complete" => HubPage.Text("学完", "Completed"),
        "time_spent" => HubPage.Text($"学习 {value / 60} 分 {value % 60} 秒", $"Studied {value / 60} min {value % 60} s"),
        _ => HubPage.Encode(type),
    };

    private static string Access(string access) => access switch
    {
        "free" => HubPage.Text("免费", "Free"),
        "procured" => HubPage.Text("已采购，免费使用", "Procured: free for you"),
        _ => HubPage.Text("收费", "Paid"),
    };

    private static async Task<IResult> MarkAsync(string resourceId, HttpContext http, SpacePeople people, ResourceSpaceStates states,
        [FromForm] string? action, [FromForm] int? rating)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        ResourceStateRequest? request = action switch
        {
            "save" => new(true, null, null),
            "unsave" => new(false, null, null),
            "dismiss" => new(null, true, null),
            "rate" when rating is >= 1 and <= 5 => new(null, null, rating),
            _ => null,
        };
        if (request is null || await states.SetAsync(me, resourceId, request, http.RequestAborted) is null)
        {
            return SpacePage.Render("无法处理", "Not possible", "<p class=\"error\">"
                + HubPage.Text("该资源未推送给您，或操作无效。", "The resource was not pushed to you, or the action is not valid.") + "</p>", me, 400);
        }
        return Results.Redirect("/space?marked=" + Uri.EscapeDataString(action!) + "#resource-inbox");
    }
}
