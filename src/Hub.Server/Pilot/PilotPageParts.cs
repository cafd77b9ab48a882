using System.Globalization;
using System.Security.Claims;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Hub.Server.Pilot;

/// <summary>Pieces the pilot console pages share: the operator behind the session, inputs, error lists, small forms.</summary>
internal static class PilotPageParts
{
    /// <summary>The operator of the session if they hold any pilot permission; null otherwise (the page answers 403).</summary>
    public static async Task<Caller?> OperatorAsync(ClaimsPrincipal user, OperatorSessions sessions, CancellationToken ct) =>
        await sessions.FindAsync(user, ct) is { } caller
            && (caller.HasScope(HubScopes.PilotApply) || caller.HasScope(HubScopes.PilotReview) || caller.HasScope(HubScopes.PilotDecide))
            ? caller : null;

    // The console shell plus what the long forms need: a grid of inputs, full-width selects and text areas.
    private const string Style = "<style>.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem}"
        + " select,textarea{width:100%;padding:.5rem;box-sizing:border-box;border:1px solid #cbd2d9;border-radius:4px}</style>";

    public static IResult Page(string titleZh, string titleEn, string bodyHtml, int statusCode = 200, Caller? caller = null) =>
        ConsolePage.Render(titleZh, titleEn, Style + bodyHtml, caller, statusCode);

    public static IResult Forbidden() => Page("无权访问", "Not permitted",
        "<p>" + HubPage.Text("您的账号没有体系试点申报的管理权限。", "Your account holds no pilot permissions.") + "</p>", 403);

    public static IResult NotFound() => Page("未找到", "Not found",
        "<p>" + HubPage.Text("申报不存在或不在您的管辖范围内。", "The application does not exist or is outside your jurisdiction.") + "</p>", 404);

    public static string Nav() =>
        $"<nav><a href=\"/console/pilot\">{HubPage.Text("申报列表", "Applications")}</a></nav>";

    /// <summary>The problem as a page fragment: the message, and each field with its message in both languages.</summary>
    public static string Problem(ErrorDefinition? error, IReadOnlyList<FieldError>? errors)
    {
        var html = new StringBuilder("<div class=\"error\" role=\"alert\">");
        if (error is not null)
        {
            html.Append("<p>").Append(HubPage.Text(error.MessageZh, error.MessageEn)).Append("</p>");
        }
        if (errors is { Count: > 0 })
        {
            html.Append("<p>").Append(HubPage.Text("以下内容需要修改：", "Please correct:")).Append("</p><ul id=\"errors\">");
            foreach (var e in errors)
            {
                html.Append("<li><code>").Append(HubPage.Encode(e.Field)).Append("</code> ").Append(HubPage.Text(e.MessageZh, e.MessageEn)).Append("</li>");
            }
            html.Append("</ul>");
        }
        return html.Append("</div>").ToString();
    }

    public static int Status<T>(PilotResult<T> result) => result.Error?.Status ?? 400;

    public static string Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return HubPage.Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    /// <summary>A form with only a button (submit, publish): the antiforgery token and one named button.</summary>
    public static string ButtonForm(string action, string token, string name, string zh, string en) =>
        $"<form method=\"post\" action=\"{HubPage.Encode(action)}\">{token}<button type=\"submit\" name=\"{name}\" value=\"1\">{HubPage.Text(zh, en)}</button></form>";

    public static string Input(FieldSpec spec, string name, string[] values, ILookup<string, FieldError> errors)
    {
        var id = HubPage.Encode(name);
        var value = values.FirstOrDefault();
        var html = new StringBuilder($"<div><label for=\"{id}\">{HubPage.Text(spec.Zh, spec.En)}</label>");
        switch (spec.Kind)
        {
            case FieldKind.Select:
                html.Append(CultureInfo.InvariantCulture, $"<select id=\"{id}\" name=\"{id}\"><option value=\"\"></option>");
                foreach (var (v, zh, en) in spec.Options!)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<option value=\"{HubPage.Encode(v)}\"{(v == value ? " selected" : "")}>{HubPage.Encode(zh)} / {HubPage.Encode(en)}</option>");
                }
                html.Append("</select>");
                break;
            case FieldKind.Checkboxes:
                foreach (var (v, zh, en) in spec.Options!)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"{id}\" value=\"{HubPage.Encode(v)}\"{(values.Contains(v) ? " checked" : "")}> {HubPage.Text(zh, en)}</label>");
                }
                break;
            case FieldKind.Lines or FieldKind.TextArea:
                var text = spec.Kind == FieldKind.Lines ? string.Join("\n", values) : value;
                html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"{id}\" name=\"{id}\" rows=\"{(spec.Kind == FieldKind.Lines ? 8 : 3)}\">{HubPage.Encode(text)}</textarea>");
                break;
            default:
                html.Append(CultureInfo.InvariantCulture, $"<input type=\"text\" id=\"{id}\" name=\"{id}\" value=\"{HubPage.Encode(value)}\"{(spec.Kind == FieldKind.Number ? " inputmode=\"decimal\"" : "")}>");
                break;
        }
        foreach (var error in errors[name])
        {
            html.Append("<div class=\"error\">").Append(HubPage.Text(error.MessageZh, error.MessageEn)).Append("</div>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>Errors by input name; an error on one school ("…schools[3]") shows at the school list's input.</summary>
    public static ILookup<string, FieldError> ByInput(IEnumerable<FieldError> errors) =>
        errors.ToLookup(e => e.Field.EndsWith(']') && e.Field.Contains(".schools[", StringComparison.Ordinal) ? e.Field[..e.Field.LastIndexOf('[')] : e.Field);
}
