using System.Text;
using Hub.Server.Regions;
using Hub.Server.Web;

namespace Hub.Server.Monitoring;

/// <summary>
/// The platforms arranged by the region hierarchy (province → city → county), each region coloured by the worst state
/// below it: silent over degraded over connected; suspended platforms colour a region only when nothing else is there.
/// </summary>
public static class HealthTree
{
    private sealed class Node(string code)
    {
        public string Code { get; } = code;
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
        public List<HealthReading> Platforms { get; } = [];
    }

    /// <summary>The aggregate state of each region that has platforms below it.</summary>
    public static Dictionary<string, HealthState> RegionStates(IEnumerable<HealthReading> platforms, RegionCatalog regions)
    {
        var states = new Dictionary<string, HealthState>(StringComparer.Ordinal);
        foreach (var p in platforms)
        {
            foreach (var code in Path(p.RegionCode, regions))
            {
                states[code] = states.TryGetValue(code, out var s) ? Worse(s, p.State) : p.State;
            }
        }
        return states;
    }

    public static string Render(IReadOnlyList<HealthReading> platforms, RegionCatalog regions)
    {
        var root = new Node("");
        foreach (var p in platforms)
        {
            var node = root;
            foreach (var code in Path(p.RegionCode, regions))
            {
                if (!node.Children.TryGetValue(code, out var child))
                {
                    node.Children[code] = child = new Node(code);
                }
                node = child;
            }
            node.Platforms.Add(p);
        }
        var states = RegionStates(platforms, regions);
        var html = new StringBuilder("<ul id=\"tree\" class=\"tree\">");
        foreach (var child in root.Children.Values)
        {
            Write(html, child, states, regions);
        }
        return html.Append("</ul>").ToString();
    }

    private static void Write(StringBuilder html, Node node, Dictionary<string, HealthState> states, RegionCatalog regions)
    {
        var name = regions.TryGet(node.Code, out var region) ? region.Name : node.Code;
        html.Append("<li id=\"r-").Append(node.Code).Append("\" class=\"region state-").Append(HealthRules.Wire(states[node.Code])).Append("\">")
            .Append("<span class=\"dot\"></span>").Append(HubPage.Encode(name)).Append(" <span class=\"en\">").Append(node.Code).Append("</span><ul>");
        foreach (var p in node.Platforms)
        {
            var (zh, en) = HealthRules.Label(p.State);
            html.Append("<li id=\"p-").Append(HubPage.Encode(p.PlatformId)).Append("\" class=\"platform state-").Append(HealthRules.Wire(p.State)).Append("\">")
                .Append("<span class=\"dot\"></span><a href=\"/console/health/platforms/").Append(HubPage.Encode(p.PlatformId)).Append("\">")
                .Append(HubPage.Encode(p.Name)).Append("</a> <span class=\"label\">").Append(HubPage.Encode($"{zh} {en}")).Append("</span></li>");
        }
        foreach (var child in node.Children.Values)
        {
            Write(html, child, states, regions);
        }
        html.Append("</ul></li>");
    }

    /// <summary>Province first, the platform's own region last.</summary>
    private static IEnumerable<string> Path(string regionCode, RegionCatalog regions) =>
        regions.Ancestors(regionCode).Select(r => r.Code).Reverse().Append(regionCode);

    private static int Severity(HealthState s) => s switch
    {
        HealthState.Silent => 3,
        HealthState.Degraded => 2,
        HealthState.Connected => 1,
        _ => 0,
    };

    private static HealthState Worse(HealthState a, HealthState b) => Severity(a) >= Severity(b) ? a : b;
}
