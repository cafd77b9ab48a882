using System.Collections.Immutable;
using System.Text;
using Hub.Server.Identity.SignIn;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Hub.Server.Oidc;

/// <summary>Lists exactly which data goes to which app; posts back to /connect/authorize with the original parameters.</summary>
internal static class ConsentPage
{
    public static IResult Render(HttpContext http, IAntiforgery antiforgery, string applicationName, ImmutableArray<string> scopes)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
        var hidden = new StringBuilder();
        foreach (var (key, values) in parameters)
        {
            if (key.StartsWith("submit.", StringComparison.Ordinal) || key == token.FormFieldName)
            {
                continue;
            }
            foreach (var value in values)
            {
                hidden.Append(HubPage.Hidden(key, value));
            }
        }
        var items = new StringBuilder();
        foreach (var scope in scopes)
        {
            var (zh, en) = ScopeText.Describe(scope);
            items.Append("<li>").Append(HubPage.Text(zh, en)).Append("</li>");
        }
        var body = $"""
            <p>{HubPage.Text($"“{applicationName}” 请求获取您的以下信息：", $"“{applicationName}” asks for:")}</p>
            <ul id="scopes">{items}</ul>
            <p class="en">您可以随时在“我的账号”中撤回授权。You can withdraw this at any time under “My account”.</p>
            <form method="post" action="/connect/authorize">
              {HubPage.Hidden(token.FormFieldName, token.RequestToken)}{hidden}
              <button type="submit" name="submit.accept" value="1" id="accept">同意 <span class="en">Allow</span></button>
              <button class="secondary" type="submit" name="submit.deny" value="1" id="deny">拒绝 <span class="en">Deny</span></button>
            </form>
            """;
        return HubPage.Render("授权确认", "Consent", body);
    }
}
