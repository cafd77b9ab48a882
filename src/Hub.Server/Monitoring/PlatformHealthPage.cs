using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Sync;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Problems;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Web.HubPage;

namespace Hub.Server.Monitoring;

/// <summary>
/// /console/health/platforms/{id}: one platform's health, charts of lag and throughput over 1 h, 24 h or 7 days, rejection
/// reasons, dead letters, reconciliation, held removals, alerts, and the operator's actions. Each action is checked
/// against its own permission (exchange:manage, platforms:review; dead-letter replay nationally) and goes through the
/// same service as the API, which checks the jurisdiction and writes the audit entry.
/// </summary>
public static class PlatformHealthPage
{
    private static readonly string[] Actions = ["snapshot", "reconcile", "suspend", "resume", "replay", "confirm", "discard"];

    internal static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/platforms/{id}", ShowAsync);
        console.MapPost("/platforms/{id}", ActAsync);
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext http, HealthQueries queries, ExchangeOperations operations, IAntiforgery antiforgery,
        TimeProvider clock, CancellationToken ct, string range = "1h", string? done = null)
    {
        var (caller, denied) = await HealthPages.GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var span = HealthQueries.Ranges.GetValueOrDefault(range, TimeSpan.FromHours(1));
        if (await queries.DetailAsync(caller, id, span, "monitoring.platform.read", ct) is not { } detail)
        {
            return NotFound(caller);
        }
        var holds = (await operations.HoldsAsync(caller, pendingOnly: true, ct)).Where(h => h.PlatformId == id).ToList();
        return Render(http, antiforgery, caller, detail, holds, range, span, clock.GetUtcNow(), done, null);
    }

    private static async Task<IResult> ActAsync(string id, HttpContext http, IFormCollection form, HealthQueries queries, ExchangeOperations operations,
        PlatformAccessStore store, PlatformReview review, DeadLetters letters, AuditLog audit, HubDbContext db, IAntiforgery antiforgery, TimeProvider clock,
        CancellationToken ct)
    {
        var (caller, denied) = await HealthPages.GateAsync(http);
        if (caller is null)
        {
            return denied!;
        }
        var action = Actions.FirstOrDefault(form.ContainsKey);
        var permitted = action switch
        {
            "suspend" or "resume" => caller.HasScope(HubScopes.PlatformsReview),
            "replay" => caller.HasScope(HubScopes.ExchangeManage) && caller.Scope.IsNational,
            null => false,
            _ => caller.HasScope(HubScopes.ExchangeManage),
        };
        if (!permitted)
        {
            audit.Record(caller.Actor, "monitoring." + (action ?? "unknown"), "platform", id, "denied: permission", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            return ConsolePage.Render("无权操作", "Not permitted", $"<p class=\"error\">{Text("您没有执行此操作的权限。", "You may not perform this action.")}</p>", caller, 403);
        }
        ErrorDefinition? error = null;
        switch (action)
        {
            case "snapshot" or "reconcile":
                (_, error) = await operations.RequestAsync(caller, id, action, new ExchangeRequest(form["entity"].ToString() is { Length: > 0 } e ? e : null, form["reasons"]), ct);
                break;
            case "suspend" or "resume":
                if (await store.FindAsync(id, caller, "platform." + action, ct) is not { } access)
                {
                    return NotFound(caller);
                }
                var outcome = action == "suspend" ? await review.SuspendAsync(access, form["reasons"], caller, ct) : await review.ResumeAsync(access, form["reasons"], caller, ct);
                error = outcome.Access is not null ? null
                    : outcome.Errors is { Count: > 0 } errors ? new ErrorDefinition(errors[0].Code, 400, errors[0].MessageZh, errors[0].MessageEn) : outcome.Error;
                break;
            case "replay":
                var (replayed, kept) = await letters.ReplayAsync(1000, ct);
                audit.Record(caller.Actor, "exchange.dead-letters.replay", "queue", DeadLetters.Queue, "replayed", purpose: $"replayed {replayed}, kept {kept} (console)");
                await db.SaveChangesAsync(ct);
                break;
            default:
                (_, error) = long.TryParse(form["hold"], NumberStyles.None, CultureInfo.InvariantCulture, out var hold)
                    ? await operations.DecideAsync(caller, hold, action == "confirm", ct) : (null, ExchangeErrors.HoldNotFound);
                break;
        }
        if (error is null)
        {
            return Results.Redirect($"/console/health/platforms/{Uri.EscapeDataString(id)}?done={action}");
        }
        if (await queries.DetailAsync(caller, id, TimeSpan.FromHours(1), "monitoring.platform.read", ct) is not { } detail)
        {
            return NotFound(caller);
        }
        var holds = (await operations.HoldsAsync(caller, pendingOnly: true, ct)).Where(h => h.PlatformId == id).ToList();
        return Render(http, antiforgery, caller, detail, holds, "1h", TimeSpan.FromHours(1), clock.GetUtcNow(), null, error);
    }

    private static IResult Render(HttpContext http, IAntiforgery antiforgery, Caller caller, PlatformHealthDetail d, List<HoldView> holds, string range,
        TimeSpan span, DateTimeOffset now, string? done, ErrorDefinition? error)
    {
        var h = d.Health;
        var (zh, en) = HealthRules.Label(h.State);
        var html = new StringBuilder(HealthPages.Style);
        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"error\">").Append(Encode(error.Code)).Append(' ').Append(Text(error.MessageZh, error.MessageEn)).Append("</p>");
        }
        if (done is not null)
        {
            html.Append("<p class=\"ok\" id=\"done\">").Append(Text("已执行：" + done, "Done: " + done)).Append("</p>");
        }
        html.Append("<p><span id=\"state\" class=\"badge state-").Append(HealthRules.Wire(h.State)).Append("\">").Append(Encode($"{zh} {en}")).Append("</span> ")
            .Append(Encode(h.RegionCode)).Append(" · <a href=\"/console/health\">").Append(Text("返回", "Back")).Append("</a></p>")
            .Append(PlatformHealthSections.Facts(h, d.Throughput, now));
        html.Append("<p>");
        foreach (var r in HealthQueries.Ranges.Keys)
        {
            html.Append(r == range ? $"<strong>{r}</strong> " : $"<a href=\"?range={r}\">{r}</a> ");
        }
        html.Append("</p>")
            .Append(HealthCharts.Line("chart-lag", "同步滞后", "Sync lag", d.History, now - span, now,
                new HealthCharts.Series("versions", "#b3261e", p => p.LagVersions), new HealthCharts.Series("outbox age s", "#d69e2e", p => p.OutboxAge),
                new HealthCharts.Series("inbox", "#1d5fbf", p => p.InboxDepth)))
            .Append(HealthCharts.Line("chart-throughput", "吞吐量（条/分钟）", "Throughput (messages per minute)", d.History, now - span, now,
                new HealthCharts.Series("in", "#1b7f3b", p => p.InPerMinute), new HealthCharts.Series("out", "#1d5fbf", p => p.OutPerMinute),
                new HealthCharts.Series("rejected", "#b3261e", p => p.RejectedPerMinute)))
            .Append(PlatformHealthSections.Details(d))
            .Append(PlatformHealthSections.Actions(antiforgery.GetAndStoreTokens(http), caller, h, holds));
        return ConsolePage.Render(h.Name, "Platform health", html.ToString(), caller, error?.Status ?? 200);
    }

    private static IResult NotFound(Caller caller) =>
        ConsolePage.Render("未找到", "Not found", "<p>" + Text("平台不存在或不在您的管辖范围内。", "No such platform in your jurisdiction.") + "</p>", caller, 404);
}
