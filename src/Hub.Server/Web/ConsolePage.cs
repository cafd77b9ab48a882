using System.Text;
using Hub.Server.Api;

namespace Hub.Server.Web;

/// <summary>Operator console pages: the hub's page shell, wider for tables, with the operator's jurisdiction on top.</summary>
public static class ConsolePage
{
    public static IResult Render(string titleZh, string titleEn, string bodyHtml, Caller? caller, int statusCode = 200)
    {
        var header = new StringBuilder("<style>main{max-width:72rem} nav{margin:.5rem 0 1rem;font-size:.9rem} nav a{margin-right:1rem}")
            .Append(" .ok{color:#1b7f3b} td.num{text-align:right} input[type=number]{width:6rem} fieldset{border:1px solid #e4e7eb;margin:1rem 0}</style>")
            .Append("<nav><a href=\"/console\">控制台 <span class=\"en\">Console</span></a>");
        if (caller is not null)
        {
            header.Append("<span class=\"en\">").Append(HubPage.Encode(caller.RegionCode is null ? "全国 National" : "地区 Region " + caller.RegionCode))
                .Append(" · ").Append(HubPage.Encode(caller.Level.ToString())).Append("</span>");
        }
        header.Append("</nav>");
        return HubPage.Render(titleZh, titleEn, header + bodyHtml, statusCode);
    }
}
