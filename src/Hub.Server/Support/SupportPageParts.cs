using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Support;

/// <summary>Pieces the support console pages share: the gate, the shell with the section's links, forms and problems.</summary>
internal static class SupportPageParts
{
    private const string Style = "<style>select,textarea{width:100%;padding:.5rem;box-sizing:border-box;border:1px solid #cbd2d9;border-radius:4px}"
        + " .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem} .breach{color:#b3261e;font-weight:600}"
        + " .actions form{display:inline-block;margin-right:.5rem;vertical-align:top} .comment{border-left:3px solid #cbd2d9;padding-left:.75rem;margin:.75rem 0}"
        + " .comment.support{border-color:#1d5fbf} .comment.internal{background:#fff8e1}</style>";

    /// <summary>The operator of the session holding any support permission; otherwise the page to return (sign-in or 403).</summary>
    public static async Task<(Caller? Caller, IResult? Denied)> GateAsync(HttpContext http, string? permission = null)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http, permission);
        if (caller is not null && permission is null && !(caller.HasScope(HubScopes.SupportRequest) || caller.HasScope(HubScopes.SupportHandle)
            || caller.HasScope(HubScopes.SupportManage)))
        {
            return (null, Page("无权访问", "Not permitted", "<p>" + Text("您的账号没有技术支持的权限。", "Your account holds no support permission.") + "</p>", caller, 403));
        }
        return (caller, denied);
    }

    public static IResult Page(string zh, string en, string body, Caller? caller, int status = 200)
    {
        var nav = new StringBuilder("<p class=\"en\"><a href=\"/console/support\">").Append(Text("请求", "Requests")).Append("</a> · ")
            .Append("<a href=\"/console/support/equipment\">").Append(Text("设备台账", "Equipment")).Append("</a>");
        if (caller?.HasScope(HubScopes.SupportManage) == true)
        {
            nav.Append(" · <a href=\"/console/support/teams\">").Append(Text("团队与专家", "Teams and experts")).Append("</a>")
                .Append(" · <a href=\"/console/support/statistics\">").Append(Text("统计", "Statistics")).Append("</a>");
        }
        return ConsolePage.Render(zh, en, Style + nav.Append("</p>") + body, caller, status);
    }

    public static IResult NotFound(Caller caller) =>
        Page("未找到", "Not found", "<p>" + Text("请求不存在或不在您的管辖范围内。", "No such request in your jurisdiction.") + "</p>", caller, 404);

    public static string Problem(ErrorDefinition? error, IReadOnlyList<FieldError>? errors)
    {
        var html = new StringBuilder("<div class=\"error\" role=\"alert\">");
        if (error is not null)
        {
            html.Append("<p>").Append(Encode(error.Code)).Append(' ').Append(Text(error.MessageZh, error.MessageEn)).Append("</p>");
        }
        foreach (var e in errors ?? [])
        {
            html.Append("<p><code>").Append(Encode(e.Field)).Append("</code> ").Append(Encode(e.Code)).Append(' ').Append(Text(e.MessageZh, e.MessageEn)).Append("</p>");
        }
        return html.Append("</div>").ToString();
    }

    public static string Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    public static string Select(string id, string zh, string en, IEnumerable<(string Value, string Label)> options, string? selected = null, bool empty = false) =>
        $"<label for=\"{id}\">{Text(zh, en)}</label><select id=\"{id}\" name=\"{id}\">"
        + (empty ? "<option value=\"\"></option>" : "")
        + string.Concat(options.Select(o => $"<option value=\"{Encode(o.Value)}\"{(o.Value == selected ? " selected" : "")}>{Encode(o.Label)}</option>"))
        + "</select>";

    public static string Input(string id, string zh, string en, string? value = null, int max = 100, string type = "text") =>
        $"<label for=\"{id}\">{Text(zh, en)}</label><input type=\"{type}\" id=\"{id}\" name=\"{id}\" maxlength=\"{max}\" value=\"{Encode(value)}\">";

    public static string TextArea(string id, string zh, string en, int max, int rows = 3) =>
        $"<label for=\"{id}\">{Text(zh, en)}</label><textarea id=\"{id}\" name=\"{id}\" maxlength=\"{max}\" rows=\"{rows}\"></textarea>";

    public static IEnumerable<(string, string)> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (SupportCodes.Wire(v), label(v) + " " + SupportCodes.Wire(v)));

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(SupportTeam.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Link(string number) => $"<a href=\"/console/support/requests/{Encode(number)}\">{Encode(number)}</a>";
}
