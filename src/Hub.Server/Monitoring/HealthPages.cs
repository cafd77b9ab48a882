using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Regions;
using Hub.Server.Web;
using Microsoft.Extensions.Options;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Monitoring;

/// <summary>
/// /console/health: the platform tree coloured by health, the firing alerts, and a small script that follows
/// /console/health/events (server-sent events) so states and alerts change on the page without a reload. Operators
/// holding exchange:manage or platforms:review see the platforms of their subtree.
/// </summary>
public static class HealthPages
{
    internal const string Style = """
        <style>.tree,.tree ul{list-style:none;padding-left:1.1rem}.tree li{margin:.2rem 0}.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.4rem;background:#9aa5b1}
        .state-connected>.dot{background:#1b7f3b}.state-degraded>.dot{background:#d69e2e}.state-silent>.dot{background:#b3261e}.state-suspended>.dot{background:#9aa5b1}
        .badge{padding:.1rem .5rem;border-radius:4px;color:#fff}.badge.state-connected{background:#1b7f3b}.badge.state-degraded{background:#d69e2e}
        .badge.state-silent{background:#b3261e}.badge.state-suspended{background:#616e7c}tr.critical td:first-child{border-left:4px solid #b3261e}
        tr.warning td:first-child{border-left:4px solid #d69e2e}.chart{margin:1rem 0}.chart figcaption{font-size:.9rem}</style>
        """;

    private const string Script = """
        <script>
        (() => {
          const events = new EventSource('/console/health/events');
          events.addEventListener('health', e => {
            const d = JSON.parse(e.data);
            // A platform that came after this page was drawn has no place in the tree yet: draw the page again, once
            // for each set of platforms (the stream and the page read the same sample, so the new one is then there).
            const ids = d.platforms.map(p => p.id).sort().join(' ');
            if (d.platforms.some(p => !document.getElementById('p-' + p.id)) && sessionStorage.getItem('hub-health-platforms') !== ids) {
              sessionStorage.setItem('hub-health-platforms', ids);
              location.reload();
              return;
            }
            for (const p of d.platforms) {
              const li = document.getElementById('p-' + p.id);
              if (li) { li.className = 'platform state-' + p.state; li.querySelector('.label').textContent = p.label; }
            }
            for (const [code, state] of Object.entries(d.regions)) {
              const li = document.getElementById('r-' + code);
              if (li) li.className = 'region state-' + state;
            }
            document.querySelector('#alerts tbody').replaceChildren(...d.alerts.map(a => {
              const tr = document.createElement('tr');
              tr.className = 'alert ' + a.severity; tr.dataset.rule = a.rule; tr.dataset.subject = a.subject;
              for (const text of [a.rule, a.summaryZh + ' / ' + a.summaryEn, a.firedAt]) { const td = document.createElement('td'); td.textContent = text; tr.append(td); }
              return tr;
            }));
            document.getElementById('updated').textContent = d.at;
            document.getElementById('counts').textContent = d.counts;
          });
        })();
        </script>
        """;

    public static void MapHealthPages(this WebApplication app)
    {
        var console = app.MapGroup("/console/health").ExcludeFromDescription();
        console.MapGet("/", OverviewAsync);
        console.MapGet("/events", EventsAsync);
        console.MapGet("/alerts", AlertsAsync);
        console.MapGet("/alerts/{id:long}", AlertAsync);
        PlatformHealthPage.Map(console);
    }

    /// <summary>Health pages are for operators who operate the exchange or review platforms.</summary>
    internal static async Task<(Caller? Caller, IResult? Denied)> GateAsync(HttpContext http)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http);
        if (caller is not null && !(caller.HasScope(HubScopes.ExchangeManage) || caller.HasScope(HubScopes.PlatformsReview)))
        {
            return (null, ConsolePage.Render("无权访问", "Not permitted", $"<p class=\"error\">{Text("您没有连接监测的权限。", "You hold no monitoring permission.")}</p>", caller, 403));
        }
        return (caller, denied);
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, HealthQueries queries, RegionCatalog regions, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var snapshot = await queries.CurrentAsync(ct);
        var platforms = await queries.ListAsync(caller, null, ct);
        var alerts = await queries.AlertsAsync(caller, firingOnly: true, 100, ct);
        var html = new StringBuilder(Style)
            .Append("<p><span id=\"counts\">").Append(Encode(Counts(platforms))).Append("</span> <span class=\"en\">").Append(Text("更新于", "updated"))
            .Append(" <span id=\"updated\">").Append(Encode(Stamp(snapshot.At))).Append("</span></span></p>")
            .Append("<p><a href=\"/console/health/alerts\">").Append(Text("全部告警与时间线", "All alerts and timelines")).Append("</a></p>")
            .Append("<h2>").Append(Text("告警", "Firing alerts")).Append("</h2><table id=\"alerts\"><thead><tr><th>")
            .Append(Text("规则", "Rule")).Append("</th><th>").Append(Text("内容", "Summary")).Append("</th><th>").Append(Text("触发时间", "Fired at"))
            .Append("</th></tr></thead><tbody>");
        foreach (var a in alerts)
        {
            html.Append("<tr class=\"alert ").Append(Encode(a.Severity)).Append("\" data-rule=\"").Append(Encode(a.Rule)).Append("\" data-subject=\"")
                .Append(Encode(a.Subject)).Append("\"><td>").Append(Encode(a.Rule)).Append("</td><td>").Append(Encode(a.SummaryZh + " / " + a.SummaryEn))
                .Append("</td><td>").Append(Encode(Stamp(a.FiredAt))).Append("</td></tr>");
        }
        html.Append("</tbody></table><h2>").Append(Text("平台", "Platforms")).Append("</h2>")
            .Append(platforms.Count == 0 ? "<p>" + Text("管辖范围内暂无已接入的平台。", "No connected platforms in your jurisdiction.") + "</p>" : HealthTree.Render(platforms, regions))
            .Append(Script);
        return ConsolePage.Render("连接监测", "Connection health", html.ToString(), caller);
    }

    private static async Task<IResult> EventsAsync(HttpContext http, HealthQueries queries, HealthBoard board, RegionCatalog regions,
        IOptions<MonitoringOptions> options, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        return caller is null ? denied! : TypedResults.ServerSentEvents(StreamAsync(caller, queries, board, regions, options.Value, ct), "health");
    }

    /// <summary>The caller's states and firing alerts whenever they change (checked on each new sample and every LiveInterval).</summary>
    private static async IAsyncEnumerable<string> StreamAsync(Caller caller, HealthQueries queries, HealthBoard board, RegionCatalog regions,
        MonitoringOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        string? last = null;
        while (!ct.IsCancellationRequested)
        {
            var platforms = await queries.ListAsync(caller, null, ct);
            var alerts = await queries.AlertsAsync(caller, firingOnly: true, 100, ct);
            var payload = JsonSerializer.Serialize(new
            {
                platforms = platforms.Select(p => new { id = p.PlatformId, state = HealthRules.Wire(p.State), label = $"{HealthRules.Label(p.State).Zh} {HealthRules.Label(p.State).En}" }),
                regions = HealthTree.RegionStates(platforms, regions).ToDictionary(r => r.Key, r => HealthRules.Wire(r.Value)),
                counts = Counts(platforms),
                alerts = alerts.Select(a => new { a.Id, a.Rule, a.Subject, a.Severity, a.SummaryZh, a.SummaryEn, firedAt = Stamp(a.FiredAt) }),
            }, Exchange.Delivery.Outbox.Json);
            // The sample time joins after the comparison: an unchanged picture is not sent again.
            if (payload != last)
            {
                last = payload;
                var at = Stamp(board.Latest?.At ?? DateTimeOffset.UtcNow);
                yield return payload.Insert(1, $"\"at\":\"{at}\",");
            }
            await board.WaitAsync(options.LiveInterval, ct);
        }
    }

    private static async Task<IResult> AlertsAsync(HttpContext http, HealthQueries queries, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var html = new StringBuilder(Style).Append("<table id=\"alert-list\"><tr><th>#</th><th>").Append(Text("规则", "Rule")).Append("</th><th>")
            .Append(Text("内容", "Summary")).Append("</th><th>").Append(Text("状态", "Status")).Append("</th><th>").Append(Text("触发 / 解除", "Fired / resolved")).Append("</th></tr>");
        foreach (var a in await queries.AlertsAsync(caller, firingOnly: false, 200, ct))
        {
            html.Append("<tr class=\"").Append(Encode(a.Severity)).Append("\"><td><a href=\"/console/health/alerts/").Append(a.Id).Append("\">").Append(a.Id)
                .Append("</a></td><td>").Append(Encode(a.Rule)).Append("</td><td>").Append(Encode(a.SummaryZh)).Append(" <span class=\"en\">").Append(Encode(a.SummaryEn))
                .Append("</span></td><td>").Append(a.Status == "firing" ? Text("告警中", "firing") : Text("已解除", "resolved")).Append("</td><td>")
                .Append(Encode(Stamp(a.FiredAt))).Append(" – ").Append(Encode(a.ResolvedAt is { } r ? Stamp(r) : "")).Append("</td></tr>");
        }
        return ConsolePage.Render("告警", "Alerts", html.Append("</table>").ToString(), caller);
    }

    private static async Task<IResult> AlertAsync(long id, HttpContext http, HealthQueries queries, CancellationToken ct)
    {
        var (caller, denied) = await GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        if (await queries.AlertAsync(caller, id, ct) is not var (alert, timeline))
        {
            return ConsolePage.Render("未找到", "Not found", "<p>" + Text("告警不存在或不在您的管辖范围内。", "No such alert in your jurisdiction.") + "</p>", caller, 404);
        }
        var html = new StringBuilder("<p>").Append(Text(alert.SummaryZh, alert.SummaryEn)).Append("</p><p>").Append(Encode($"{alert.Rule} · {alert.Severity} · {alert.Subject}"))
            .Append("</p><table id=\"timeline\">");
        foreach (var e in timeline)
        {
            html.Append("<tr><td>").Append(Encode(Stamp(e.At))).Append("</td><td>").Append(Encode(e.Kind)).Append("</td><td>").Append(Encode(e.Note)).Append("</td></tr>");
        }
        return ConsolePage.Render($"告警 #{id}", $"Alert #{id}", html.Append("</table>").ToString(), caller);
    }

    private static string Counts(List<HealthReading> platforms) =>
        string.Join(" · ", Enum.GetValues<HealthState>().Select(s => $"{HealthRules.Label(s).Zh} {platforms.Count(p => p.State == s)}"));

    /// <summary>China time, to the second.</summary>
    internal static string Stamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
