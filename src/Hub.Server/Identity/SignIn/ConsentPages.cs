using System.Security.Claims;
using System.Text;
using Hub.Server.Oidc;
using Hub.Server.Web;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Identity.SignIn;

/// <summary>"My account": every app the person consented to, with exactly which scopes, and a withdraw button.</summary>
internal static class ConsentPages
{
    public static async Task<IResult> ShowAsync(
        HttpContext http, ClaimsPrincipal user, IOpenIddictAuthorizationManager authorizations,
        IOpenIddictApplicationManager applications, PairwiseSubjects pairwise, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var rows = new StringBuilder();
        // Vendors know the person by a pairwise subject, so their consents are filed under it.
        foreach (var subject in await pairwise.AllSubjectsAsync(user.GetClaim(Claims.Subject)!, http.RequestAborted))
        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, http.RequestAborted))
        {
            if (await authorizations.GetStatusAsync(authorization) != Statuses.Valid
                || await authorizations.GetTypeAsync(authorization) != AuthorizationTypes.Permanent)
            {
                continue;
            }
            var appId = await authorizations.GetApplicationIdAsync(authorization);
            var application = appId is null ? null : await applications.FindByIdAsync(appId);
            var name = application is null ? "?" : await applications.GetLocalizedDisplayNameAsync(application);
            var scopes = await authorizations.GetScopesAsync(authorization);
            var id = await authorizations.GetIdAsync(authorization);
            rows.Append("<tr><td>").Append(HubPage.Encode(name)).Append("</td><td>")
                .Append(string.Join("、", scopes.Select(s => HubPage.Encode(ScopeText.Describe(s).Zh))))
                .Append("</td><td><form method=\"post\" action=\"/account/consents/").Append(HubPage.Encode(id)).Append("/withdraw\">")
                .Append(HubPage.Hidden(token.FormFieldName, token.RequestToken))
                .Append("<button class=\"secondary\" type=\"submit\">撤回 <span class=\"en\">Withdraw</span></button></form></td></tr>");
        }
        var body = $"""
            <p>{HubPage.Text("您好，" + user.GetClaim(Claims.Name), "Hello")}</p>
            <h2>{HubPage.Text("已授权的应用", "Apps you have authorized")}</h2>
            {(rows.Length == 0 ? "<p>" + HubPage.Text("暂无。", "None.") + "</p>" : "<table id=\"consents\">" + rows + "</table>")}
            <form method="post" action="/account/logout">{HubPage.Hidden(token.FormFieldName, token.RequestToken)}
            <button class="secondary" type="submit">退出登录 <span class="en">Sign out</span></button></form>
            """;
        return HubPage.Render("我的账号", "My account", body);
    }
}
