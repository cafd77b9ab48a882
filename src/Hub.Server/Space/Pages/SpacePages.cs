using System.Globalization;
using System.Text;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Export;
using Hub.Server.Space.Guardians;
using Hub.Server.Space.Messages;
using Hub.Server.Web;

namespace Hub.Server.Space.Pages;

/// <summary>/space: the person's own space (inbox, resource inbox, files, students, records and export), zh-CN first, no scripts.</summary>
public static class SpacePages
{
    public static void MapSpacePages(this WebApplication app)
    {
        var pages = app.MapGroup("/space").ExcludeFromDescription();
        pages.MapGet("/", HomeAsync);
        pages.MapGet("/inbox/{kind}/{id:long}", ItemAsync);
        pages.MapGet("/export.{format}", ExportAsync);
        pages.MapGet("/students/{hubId}", StudentAsync);
        pages.MapGet("/students/{hubId}/files/{id:guid}", StudentFileAsync);
        app.MapSpaceMessagePages();
        app.MapSpaceFilePages();
        app.MapSpaceResourcePages();
    }

    private static async Task<IResult> HomeAsync(HttpContext http, SpacePeople people, Inbox inbox, SpaceAssets assets, GuardianAccess guardians,
        Catalog.Push.ResourceInbox resources, Usage.UsageHistory usage, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, string? after = null,
        string? saved = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "resources")] string? resourcesAfter = null)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        var ct = http.RequestAborted;
        InboxCursor.TryDecode(after, out var cursor);
        var page = await inbox.PageAsync(me, cursor, 20, ct);
        var quota = await assets.QuotaAsync(me.Id, ct);
        var html = new StringBuilder();
        if (http.Request.Query.ContainsKey("sent"))
        {
            html.Append("<p class=\"ok\" role=\"status\">").Append(HubPage.Text("消息已发送。", "Message sent.")).Append("</p>");
        }
        html.Append("<section id=\"inbox\"><h2>").Append(HubPage.Text($"收件箱（未读 {page.Unread}）", $"Inbox ({page.Unread} unread)")).Append("</h2>")
            .Append(InboxTable(page, "/space/inbox"));
        if (page.Next is not null)
        {
            html.Append("<p><a href=\"/space?after=").Append(page.Next).Append("\">更早的消息 <span class=\"en\">Older</span></a></p>");
        }
        html.Append("</section>");
        var showSaved = saved == "1";
        var pushed = await resources.PageAsync(me, Catalog.Push.ResourceInbox.IsCursor(resourcesAfter) ? resourcesAfter : null, 20, showSaved, ct);
        if (http.Request.Query.ContainsKey("marked"))
        {
            html.Append("<p class=\"ok\" role=\"status\" id=\"resource-marked\">").Append(HubPage.Text("已更新。", "Updated.")).Append("</p>");
        }
        html.Append(SpaceResourcePages.Section(http, antiforgery, pushed, showSaved));
        html.Append(SpaceResourcePages.UsageSection(await usage.ForAsync(me.Id, 10, ct)));
        html.Append("<section id=\"files-summary\"><h2>").Append(HubPage.Text("我的文件", "My files")).Append("</h2><p>")
            .Append(HubPage.Text($"已用 {SpacePage.Size(quota.UsedBytes)} / {SpacePage.Size(quota.QuotaBytes)}", $"{SpacePage.Size(quota.UsedBytes)} of {SpacePage.Size(quota.QuotaBytes)} used"))
            .Append(" · <a href=\"/space/files\">管理文件 <span class=\"en\">Manage files</span></a></p></section>");
        if (me.Has(Identity.Registry.PersonRole.Parent))
        {
            html.Append("<section id=\"students\"><h2>").Append(HubPage.Text("我的孩子", "My children")).Append("</h2><ul>");
            foreach (var student in await guardians.StudentsAsync(me, ct))
            {
                html.Append("<li>").Append(student.Allowed
                    ? $"<a href=\"/space/students/{HubPage.Encode(student.HubId)}\">{HubPage.Encode(student.Name)}</a>"
                    : HubPage.Encode(student.Name) + " <span class=\"muted\">" + HubPage.Text("（学校未开放家长查看）", "(the school does not allow viewing)") + "</span>")
                    .Append("</li>");
            }
            html.Append("</ul></section>");
        }
        html.Append("<section id=\"records\"><h2>").Append(HubPage.Text("我的记录与数据导出", "My records and data export")).Append("</h2><p class=\"muted\">")
            .Append(HubPage.Text("导出包含您的全部资源使用记录（资源应用情况信息库）。", "The export includes all your resource usage records."))
            .Append("</p><p><a id=\"export-json\" href=\"/space/export.json\">导出 JSON</a> · <a id=\"export-csv\" href=\"/space/export.csv\">导出 CSV</a> <span class=\"en\">")
            .Append(HubPage.Encode("Everything the hub holds about you: registry record (masked), affiliations, consents, sign-ins, access log, messages, files, resource usage"))
            .Append("</span></p></section>");
        return SpacePage.Render("我的学习空间", "My learning space", html.ToString(), me);
    }

    /// <summary>The inbox as a table; without <paramref name="linkBase"/> (a guardian's view) titles are not links and bodies show inline.</summary>
    internal static string InboxTable(InboxPage page, string? linkBase)
    {
        if (page.Items.Count == 0)
        {
            return "<p class=\"muted\">" + HubPage.Text("暂无消息。", "No messages.") + "</p>";
        }
        var rows = new StringBuilder("<table><tr><th>时间 <span class=\"en\">When</span></th><th>来自 <span class=\"en\">From</span></th><th>标题 <span class=\"en\">Title</span></th></tr>");
        foreach (var item in page.Items)
        {
            var kind = item.Kind == "message" ? "messages" : "announcements";
            rows.Append("<tr class=\"").Append(item.Read ? "read" : "unread").Append("\"><td>").Append(SpacePage.Time(item.CreatedAt)).Append("</td><td>")
                .Append(HubPage.Encode(item.SenderName)).Append(item.Kind == "announcement" ? " <span class=\"en\">通知 notice</span>" : "").Append("</td><td>")
                .Append(linkBase is null
                    ? HubPage.Encode(item.Title) + "<div class=\"muted\">" + SpacePage.Multiline(item.Body) + "</div>"
                    : $"<a href=\"{linkBase}/{kind}/{item.Id.ToString(CultureInfo.InvariantCulture)}\">{HubPage.Encode(item.Title)}</a>")
                .Append(item.Read ? "" : " <span class=\"en\">●</span>").Append("</td></tr>");
        }
        return rows.Append("</table>").ToString();
    }

    private static async Task<IResult> ItemAsync(string kind, long id, HttpContext http, SpacePeople people, Inbox inbox)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        var ct = http.RequestAborted;
        string title, body, from;
        DateTimeOffset at;
        var reply = "";
        if (kind == "announcements" && await inbox.FindAnnouncementAsync(me, id, ct) is { } a)
        {
            (title, body, from, at) = (a.Title, a.Body, a.SenderName, a.CreatedAt);
        }
        else if (kind == "messages" && await inbox.FindMessageAsync(me, id, ct) is { } m)
        {
            (title, body, from, at) = (m.Subject, m.Body, m.SenderName, m.CreatedAt);
            if (m.SenderPersonId is not null)
            {
                reply = $"<p><a id=\"reply\" href=\"/space/messages/new?replyTo={m.Id}\">回复 <span class=\"en\">Reply</span></a></p>";
            }
        }
        else
        {
            return SpacePage.Render("未找到", "Not found", "<p class=\"error\">" + HubPage.Text("消息不存在。", "No such message.") + "</p>", me, 404);
        }
        // Opening an entry is reading it, as in any mailbox.
        await inbox.MarkReadAsync(me, kind == "messages" ? "message" : "announcement", id, ct);
        var html = $"""
            <article id="message"><h2>{HubPage.Encode(title)}</h2>
            <p class="muted">{HubPage.Encode(from)} · {SpacePage.Time(at)}</p>
            <p>{SpacePage.Multiline(body)}</p></article>{reply}
            """;
        return SpacePage.Render(kind == "messages" ? "私信" : "通知", kind == "messages" ? "Message" : "Announcement", html, me);
    }

    private static async Task<IResult> ExportAsync(string format, HttpContext http, SpacePeople people, SpaceExport export)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        return format is "json" or "csv" ? await SpaceEndpoints.FileAsync(me, export, format, http.RequestAborted) : Results.NotFound();
    }

    private static async Task<IResult> StudentAsync(string hubId, HttpContext http, SpacePeople people, GuardianAccess guardians, SpaceAssets assets, Inbox inbox)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        var ct = http.RequestAborted;
        if (await guardians.OpenAsync(me, hubId, "page", ct) is not { } student)
        {
            return SpacePage.Render("无法查看", "Not available", "<p class=\"error\">"
                + HubPage.Text("该学生不存在，或学校未允许家长查看其空间。", "No such student, or the school does not let guardians view the space.") + "</p>", me, 404);
        }
        var files = await assets.ListAsync(student.Id, ct);
        var html = new StringBuilder("<section id=\"student-inbox\"><h2>").Append(HubPage.Text("发给孩子的消息", "Messages to your child")).Append("</h2>")
            .Append(InboxTable(await inbox.PageAsync(student, null, 50, ct), null)).Append("</section><section id=\"student-files\"><h2>")
            .Append(HubPage.Text("孩子的文件", "Your child's files")).Append("</h2>")
            .Append(SpaceFilePages.FileTable(files.Items, f => $"/space/students/{HubPage.Encode(student.HubId)}/files/{f.Id}", null)).Append("</section>");
        return SpacePage.Render(student.Name + " 的空间", "Student's space", html.ToString(), me);
    }

    private static async Task<IResult> StudentFileAsync(string hubId, Guid id, HttpContext http, SpacePeople people, GuardianAccess guardians, SpaceAssets assets)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        return await guardians.OpenAsync(me, hubId, "file " + id, http.RequestAborted) is { } student
            ? AssetEndpoints.Download(await assets.ReadAsync(student.Id, id, http.RequestAborted), http.Response)
            : Results.NotFound();
    }
}
