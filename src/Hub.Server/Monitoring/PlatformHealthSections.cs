using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Exchange.Sync;
using Hub.Server.Oidc;
using Hub.Server.Platforms;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Monitoring;

/// <summary>The parts of the platform health page: facts, details and the action forms the operator's permissions allow.</summary>
internal static class PlatformHealthSections
{
    private static readonly string None = "<p class=\"en\">" + Text("无", "None") + "</p>";

    public static string Facts(HealthReading h, Throughput t, DateTimeOffset now)
    {
        string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var rows = new (string Zh, string En, string Id, string Value)[]
        {
            ("最近心跳", "Last heartbeat", "heartbeat", h.LastHeartbeatAt is { } at ? $"{HealthPages.Stamp(at)}（{(int)(now - at).TotalSeconds} s）" : "—"),
            ("适配器版本", "Adapter version", "adapter", h.AdapterVersion ?? "—"),
            ("版本滞后", "Version lag", "lag", $"{h.LagVersions}（{h.HubVersion} − {h.AcknowledgedVersion}）"),
            ("待发最久", "Oldest unsent to it", "outbox-age", $"{(int)h.OutboxAge.TotalSeconds} s"),
            ("收件队列", "Inbox queue", "inbox", h.InboxDepth.ToString(CultureInfo.InvariantCulture)),
            ("适配器待发", "Adapter outbox", "adapter-pending", h.AdapterPending.ToString(CultureInfo.InvariantCulture)),
            ("收 / 发（条/分钟）", "In / out per minute", "throughput", $"{N(t.InPerMinute)} / {N(t.OutPerMinute)}"),
            ("已应用 / 已拒绝记录", "Records applied / rejected", "records", $"{h.RecordsApplied} / {h.RecordsRejected}"),
            ("令牌请求 / 失败", "Token requests / failures", "tokens", $"{h.TokenRequests} / {h.TokenFailures}"),
            ("死信", "Dead letters", "dead-letters", h.DeadLetters.ToString(CultureInfo.InvariantCulture)),
            ("待确认删除批次", "Held removals", "holds", h.PendingHolds.ToString(CultureInfo.InvariantCulture)),
        };
        var html = new StringBuilder("<table id=\"facts\">");
        foreach (var (zh, en, id, value) in rows)
        {
            html.Append("<tr><th>").Append(Text(zh, en)).Append("</th><td id=\"f-").Append(id).Append("\">").Append(Encode(value)).Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    public static string Details(PlatformHealthDetail d)
    {
        var messages = ErrorCatalog.All.ToDictionary(e => e.Code, StringComparer.Ordinal);
        var html = new StringBuilder("<h2>").Append(Text("拒绝原因", "Rejected records by reason")).Append("</h2><table id=\"rejections\">");
        foreach (var r in d.Rejections)
        {
            var m = messages.GetValueOrDefault(r.Code);
            html.Append("<tr><td>").Append(Encode(r.Code)).Append("</td><td>").Append(m is null ? "" : Text(m.MessageZh, m.MessageEn)).Append("</td><td class=\"num\">")
                .Append(r.Count).Append("</td><td>").Append(Encode(HealthPages.Stamp(r.LastAt))).Append("</td></tr>");
        }
        html.Append("</table>").Append(d.Rejections.Count == 0 ? None : "").Append("<h2>").Append(Text("死信原因", "Dead letters and reasons")).Append("</h2><ul id=\"dead-letter-reasons\">");
        foreach (var reason in d.Health.DeadLetterReasons)
        {
            html.Append("<li>").Append(Encode(reason)).Append("</li>");
        }
        html.Append("</ul>").Append(d.Health.DeadLetterReasons.Count == 0 ? None : "").Append("<h2>").Append(Text("对账", "Reconciliation")).Append("</h2><table id=\"reconciliation\">");
        foreach (var r in d.Health.Reconciliation)
        {
            html.Append("<tr><td>").Append(Encode(r.Entity)).Append("</td><td>").Append(Encode(r.Status)).Append("</td><td>")
                .Append(Encode($"{r.SourceCount} / {r.HubCount}, mismatched {r.MismatchedRanges}, repaired {r.RepairedKeys}")).Append("</td><td>")
                .Append(Encode(HealthPages.Stamp(r.UpdatedAt))).Append("</td></tr>");
        }
        html.Append("</table>").Append(d.Health.Reconciliation.Count == 0 ? None : "").Append("<h2>").Append(Text("告警", "Alerts")).Append("</h2><table id=\"platform-alerts\">");
        foreach (var a in d.Alerts)
        {
            html.Append("<tr class=\"").Append(Encode(a.Severity)).Append("\"><td><a href=\"/console/health/alerts/").Append(a.Id).Append("\">").Append(Encode(a.Rule))
                .Append("</a></td><td>").Append(Encode(a.Status)).Append("</td><td>").Append(Encode(a.SummaryZh)).Append("</td><td>")
                .Append(Encode(HealthPages.Stamp(a.FiredAt))).Append("</td></tr>");
        }
        return html.Append("</table>").Append(d.Alerts.Count == 0 ? None : "").ToString();
    }

    public static string Actions(AntiforgeryTokenSet token, Caller caller, HealthReading h, List<HoldView> holds)
    {
        var exchange = caller.HasScope(HubScopes.ExchangeManage);
        var review = caller.HasScope(HubScopes.PlatformsReview);
        var form = $"<form method=\"post\" action=\"/console/health/platforms/{Encode(h.PlatformId)}\">{Hidden(token.FormFieldName, token.RequestToken)}";
        var html = new StringBuilder("<h2>").Append(Text("操作", "Actions")).Append("</h2>");
        if (exchange && h.AccessStatus != PlatformAccessStatus.Suspended)
        {
            html.Append(form).Append("<label for=\"entity\">").Append(Text("实体", "Entity")).Append("</label><select id=\"entity\" name=\"entity\">")
                .Append("<option value=\"people\">people</option><option value=\"organizations\">organizations</option></select>")
                .Append("<button id=\"op-snapshot\" name=\"snapshot\" value=\"1\">").Append(Text("请求全量快照", "Request a snapshot")).Append("</button> ")
                .Append("<button id=\"op-reconcile\" name=\"reconcile\" value=\"1\">").Append(Text("请求对账", "Request reconciliation")).Append("</button></form>");
        }
        if (review)
        {
            var suspend = h.AccessStatus != PlatformAccessStatus.Suspended;
            html.Append(form).Append("<label for=\"reasons\">").Append(Text(suspend ? "暂停理由（必填）" : "恢复说明", suspend ? "Reasons (required)" : "Note"))
                .Append("</label><textarea id=\"reasons\" name=\"reasons\" maxlength=\"500\" rows=\"2\" style=\"width:100%\"></textarea>")
                .Append(suspend ? "<button id=\"op-suspend\" name=\"suspend\" value=\"1\">" + Text("暂停平台", "Suspend the platform")
                    : "<button id=\"op-resume\" name=\"resume\" value=\"1\">" + Text("恢复平台", "Resume the platform")).Append("</button></form>");
        }
        if (exchange && caller.Scope.IsNational && h.DeadLetters > 0)
        {
            html.Append(form).Append("<button id=\"op-replay\" name=\"replay\" value=\"1\">").Append(Text("重放全部死信", "Replay all dead letters")).Append("</button></form>");
        }
        if (exchange)
        {
            foreach (var hold in holds)
            {
                html.Append(form).Append(Hidden("hold", hold.Id.ToString(CultureInfo.InvariantCulture))).Append("<p>")
                    .Append(Text($"待确认删除批次 #{hold.Id}：{hold.Count} 条（{hold.Share:P1}）", $"Held removals #{hold.Id}: {hold.Count} ({hold.Share:P1})"))
                    .Append("</p><button id=\"op-confirm-").Append(hold.Id).Append("\" name=\"confirm\" value=\"1\">").Append(Text("确认删除", "Confirm"))
                    .Append("</button> <button class=\"secondary\" id=\"op-discard-").Append(hold.Id).Append("\" name=\"discard\" value=\"1\">")
                    .Append(Text("放弃", "Discard")).Append("</button></form>");
            }
        }
        return html.ToString();
    }
}
