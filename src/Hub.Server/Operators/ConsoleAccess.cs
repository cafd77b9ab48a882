using Hub.Server.Api;
using Hub.Server.Identity.SignIn;
using Hub.Server.Web;
using Microsoft.AspNetCore.Authentication;

namespace Hub.Server.Operators;

/// <summary>
/// The gate of every console page: a signed-in person with a live admin account holding the permission. Anyone else
/// is sent to sign in, or shown a plain refusal; pages never decide on their own who may act.
/// </summary>
public static class ConsoleAccess
{
    public static async Task<(Caller? Caller, IResult? Denied)> RequireAsync(HttpContext http, string? permission = null)
    {
        var session = await http.AuthenticateAsync(AccountEndpoints.SessionScheme);
        if (session.Principal is not { Identity.IsAuthenticated: true } principal)
        {
            var returnUrl = http.Request.Path + http.Request.QueryString;
            return (null, Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        }
        var caller = await http.RequestServices.GetRequiredService<OperatorSessions>().FindAsync(principal, http.RequestAborted);
        if (caller is null || (permission is not null && !caller.HasScope(permission)))
        {
            return (null, ConsolePage.Render("无权访问", "Not permitted",
                $"<p class=\"error\">{HubPage.Text("您的账号没有此项管理权限。", "Your account does not hold this permission.")}</p>"
                + "<p><a href=\"/console\">返回管理控制台 <span class=\"en\">Back to the console</span></a></p>", null, StatusCodes.Status403Forbidden));
        }
        return (caller, null);
    }
}
