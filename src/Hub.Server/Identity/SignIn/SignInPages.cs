using Hub.Server.Federation;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Hub.Server.Identity.SignIn;

internal static class SignInPages
{
    public static IResult Login(HttpContext http, IAntiforgery antiforgery, string? returnUrl, IReadOnlyList<UpstreamChoice> upstreams,
        string? error, int status = 200)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var body = $"""
            <form method="post" action="/account/login">
              {HubPage.Hidden(token.FormFieldName, token.RequestToken)}
              {HubPage.Hidden("returnUrl", returnUrl)}
              <label for="identifier">{HubPage.Text("枢纽账号或居民身份证号", "Hub id or resident ID number")}</label>
              <input type="text" id="identifier" name="identifier" autocomplete="username" required maxlength="64">
              <label for="password">{HubPage.Text("密码", "Password")}</label>
              <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="128">
              {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{error}</p>")}
              <button type="submit" id="sign-in">登录 <span class="en">Sign in</span></button>
            </form>
            {FederationPages.Choices(upstreams, returnUrl)}
            """;
        return HubPage.Render("登录国家数字教育资源公共服务体系", "Sign in to the national education resource hub", body, status);
    }
}
