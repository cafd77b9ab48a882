using System.Text;
using Hub.Server.Web;

namespace Hub.Server.Federation;

/// <summary>The federated parts of the sign-in page and the pages a federated sign-in can end on (zh-CN first, English beside).</summary>
internal static class FederationPages
{
    /// <summary>"通过 XX 登录 / Sign in with XX" links for the sign-in page, each keeping the page's returnUrl.</summary>
    public static string Choices(IReadOnlyList<UpstreamChoice> choices, string? returnUrl)
    {
        if (choices.Count == 0)
        {
            return "";
        }
        var links = new StringBuilder("<p>").Append(HubPage.Text("或通过您所在的平台登录：", "Or sign in at your home platform:"))
            .Append("</p><ul id=\"upstreams\">");
        foreach (var choice in choices)
        {
            var href = StartPath(choice.PlatformId, returnUrl);
            links.Append("<li><a href=\"").Append(HubPage.Encode(href)).Append("\">")
                .Append(HubPage.Text($"通过 {choice.NameZh} 登录", $"Sign in with {choice.NameEn}")).Append("</a></li>");
        }
        return links.Append("</ul>").ToString();
    }

    public static string StartPath(string platformId, string? returnUrl) =>
        "/account/federated/" + Uri.EscapeDataString(platformId) + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));

    public static IResult NotLinked(UpstreamProvider upstream, string? returnUrl) => HubPage.Render(
        "账号尚未关联实名身份", "The account is not linked to a hub identity",
        $"""
        <p>{HubPage.Text($"您在“{upstream.DisplayNameZh}”的账号尚未关联到国家数字教育资源公共服务体系的实名身份，因此无法登录。",
            $"Your account at “{upstream.DisplayNameEn}” is not linked to an identity in the national education resource hub, so you cannot sign in with it.")}</p>
        <p>{HubPage.Text("请联系该平台完成实名登记后再试，或使用枢纽账号登录。",
            "Ask the platform to register you with the hub and try again, or sign in with a hub account.")}</p>
        {LoginLink(returnUrl)}
        """, StatusCodes.Status403Forbidden);

    public static IResult Unavailable(string? returnUrl) => HubPage.Render(
        "该登录方式不可用", "This sign-in option is not available",
        $"<p>{HubPage.Text("该平台的登录方式未开通或已停用。", "Signing in through this platform is not set up or has been disabled.")}</p>{LoginLink(returnUrl)}",
        StatusCodes.Status404NotFound);

    public static IResult Failed(string? returnUrl) => HubPage.Render(
        "通过平台登录未成功", "Signing in at the platform did not succeed",
        $"<p>{HubPage.Text("平台未确认您的登录，或登录已过期。请重新登录。", "The platform did not confirm your sign-in, or it expired. Please sign in again.")}</p>{LoginLink(returnUrl)}",
        StatusCodes.Status400BadRequest);

    private static string LoginLink(string? returnUrl) =>
        $"<p><a href=\"{HubPage.Encode("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)))}\">"
        + $"{HubPage.Text("返回登录页", "Back to sign-in")}</a></p>";
}
