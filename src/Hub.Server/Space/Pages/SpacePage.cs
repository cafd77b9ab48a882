using System.Globalization;
using System.Text;
using Hub.Server.Problems;
using Hub.Server.Web;

namespace Hub.Server.Space.Pages;

/// <summary>The shell of the /space pages: the hub's page, wider, with the space's navigation; helpers shared by them.</summary>
internal static class SpacePage
{
    public static IResult Render(string titleZh, string titleEn, string body, SpacePerson me, int status = 200)
    {
        var html = new StringBuilder("<style>main{max-width:60rem} nav{margin:.5rem 0 1rem;font-size:.9rem} nav a{margin-right:1rem}")
            .Append(" .ok{color:#1b7f3b} .unread{font-weight:bold} .muted{color:#616e7c} section{margin:1.5rem 0} td.num{text-align:right}")
            .Append(" textarea{width:100%;min-height:8rem;box-sizing:border-box} select{padding:.4rem} form.inline{display:inline} form.inline button{margin:0;padding:.25rem .6rem}</style>")
            .Append("<nav><a href=\"/space\">我的空间 <span class=\"en\">Space</span></a><a href=\"/space/files\">我的文件 <span class=\"en\">Files</span></a>")
            .Append("<a href=\"/space/messages/new\">写消息 <span class=\"en\">New message</span></a><a href=\"/account\">我的账号 <span class=\"en\">Account</span></a>")
            .Append("<span class=\"en\">").Append(HubPage.Encode(me.Name)).Append(" · ").Append(HubPage.Encode(me.HubId)).Append("</span></nav>")
            .Append(body);
        return HubPage.Render(titleZh, titleEn, html.ToString(), status);
    }

    public static IResult SignIn(HttpContext http) =>
        Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));

    public static string Errors(IEnumerable<FieldError> errors) =>
        "<div class=\"error\" role=\"alert\"><ul>" + string.Concat(errors.Select(e =>
            $"<li><code>{HubPage.Encode(e.Field)}</code> {HubPage.Text(e.MessageZh, e.MessageEn)}</li>")) + "</ul></div>";

    public static string Time(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };

    /// <summary>Plain text with its line breaks kept (messages are never HTML).</summary>
    public static string Multiline(string text) => HubPage.Encode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
