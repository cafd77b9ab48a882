using System.Text;
using Hub.Server.Oidc;
using Hub.Server.Web;

namespace Hub.Server.Operators;

/// <summary>/console: the operator's start page, listing what their permissions open.</summary>
public static class ConsoleHome
{
    private static readonly (string Path, string Permission, string Zh, string En)[] Sections =
    [
        ("/console/organizations", HubScopes.OrganizationsRead, "机构与学校", "Bureaus and schools"),
        ("/console/platforms", HubScopes.PlatformsReview, "平台接入审核", "Platform access review"),
        ("/console/health", HubScopes.ExchangeManage, "连接监测与告警", "Connection health and alerts"),
        ("/console/health", HubScopes.PlatformsReview, "连接监测与告警", "Connection health and alerts"),
        ("/console/apps", HubScopes.AppsReview, "应用接入审核", "Vendor app review"),
        ("/console/pilot", HubScopes.PilotApply, "体系试点申报", "Pilot application"),
        ("/console/pilot", HubScopes.PilotReview, "体系试点评审", "Pilot review"),
        ("/console/pilot", HubScopes.PilotDecide, "体系试点审定", "Pilot decision"),
        ("/console/support", HubScopes.SupportRequest, "技术支持", "Technical support"),
        ("/console/support", HubScopes.SupportHandle, "技术支持", "Technical support"),
        ("/console/support", HubScopes.SupportManage, "技术支持", "Technical support"),
    ];

    public static void MapConsoleHome(this WebApplication app) =>
        app.MapGet("/console", async (HttpContext http) =>
        {
            var (caller, denied) = await ConsoleAccess.RequireAsync(http);
            if (caller is null)
            {
                return denied!;
            }
            var list = new StringBuilder("<ul>");
            foreach (var (path, permission, zh, en) in Sections.Where(s => caller.HasScope(s.Permission)).DistinctBy(s => s.Path))
            {
                list.Append("<li><a href=\"").Append(path).Append("\">").Append(HubPage.Text(zh, en)).Append("</a></li>");
            }
            list.Append("</ul><form method=\"post\" action=\"/account/logout\"><button class=\"secondary\" type=\"submit\">退出 <span class=\"en\">Sign out</span></button></form>");
            return ConsolePage.Render("管理控制台", "Operator console", list.ToString(), caller);
        }).ExcludeFromDescription();
}
