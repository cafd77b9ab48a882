using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>
/// The alert rules over one health snapshot (specs/exchange/operations.md §3): which alerts should fire now. Alerts of
/// the platform rules that no longer hold are resolved; support breaches fire on their message and resolve here once
/// the request is no longer open.
/// </summary>
public sealed class AlertEvaluator(HubDbContext db, Alerts alerts, IOptions<MonitoringOptions> options)
{
    private static readonly string[] SnapshotRules =
        [AlertRuleNames.Silent, AlertRuleNames.Lag, AlertRuleNames.DeadLetters, AlertRuleNames.Reconciliation];

    public async Task<(int Fired, int Resolved)> EvaluateAsync(HealthSnapshot snapshot, CancellationToken ct)
    {
        var wanted = await WantedAsync(snapshot, ct);
        var (fired, resolved) = await alerts.ReconcileAsync(SnapshotRules, wanted, snapshot.At, ct);
        resolved += await ResolveSupportAsync(snapshot.At, ct);
        return (fired, resolved);
    }

    public async Task<List<AlertSpec>> WantedAsync(HealthSnapshot snapshot, CancellationToken ct)
    {
        var rules = options.Value.Alerts;
        var now = snapshot.At;
        var wanted = new List<AlertSpec>();
        foreach (var p in snapshot.Platforms)
        {
            var active = p.AccessStatus is PlatformAccessStatus.Connected or PlatformAccessStatus.Approved;
            var quiet = now - (p.LastHeartbeatAt ?? p.AccessSince);
            if (rules.Silent && active && quiet > rules.SilentFor)
            {
                var (zh, en) = Duration(quiet);
                wanted.Add(new AlertSpec(AlertRuleNames.Silent, p.PlatformId, "critical", p.PlatformId, p.RegionCode,
                    p.LastHeartbeatAt is null ? $"平台「{p.Name}」从未发送心跳" : $"平台「{p.Name}」已 {zh}无心跳",
                    p.LastHeartbeatAt is null ? $"Platform {p.Name} has never sent a heartbeat" : $"Platform {p.Name} silent for {en}"));
            }
            if (rules.DeadLetters && p.DeadLetters > 0)
            {
                wanted.Add(new AlertSpec(AlertRuleNames.DeadLetters, p.PlatformId, "warning", p.PlatformId, p.RegionCode,
                    $"平台「{p.Name}」有 {p.DeadLetters} 条死信：{(p.DeadLetterReasons.Count > 0 ? p.DeadLetterReasons[0] : "")}",
                    $"{p.DeadLetters} dead letters from platform {p.Name}: {(p.DeadLetterReasons.Count > 0 ? p.DeadLetterReasons[0] : "")}"));
            }
            if (rules.Reconciliation && p.Reconciliation.FirstOrDefault(r => HealthRules.Unrepaired(r) && now - r.StartedAt >= rules.ReconciliationFor) is { } round)
            {
                wanted.Add(new AlertSpec(AlertRuleNames.Reconciliation, p.PlatformId, "warning", p.PlatformId, p.RegionCode,
                    $"平台「{p.Name}」{round.Entity} 对账发现 {round.MismatchedRanges} 个不一致范围，尚未修复",
                    $"Reconciliation of {round.Entity} with platform {p.Name} found {round.MismatchedRanges} differing ranges, not repaired yet"));
            }
        }
        if (rules.DeadLetters && snapshot.DeadLetters.Unattributed > 0)
        {
            wanted.Add(new AlertSpec(AlertRuleNames.DeadLetters, AlertRuleNames.Unattributed, "warning", null, null,
                $"{snapshot.DeadLetters.Unattributed} 条死信无法确定发送平台", $"{snapshot.DeadLetters.Unattributed} dead letters without a known sender"));
        }
        if (rules.Lag)
        {
            var lagging = snapshot.Platforms.Where(p => p.State == HealthState.Degraded && p.Flags.HasFlag(Degradation.Lag)).ToList();
            var held = await LaggingThroughoutAsync(lagging.Select(p => p.PlatformId).ToArray(), now, ct);
            foreach (var p in lagging.Where(p => held.Contains(p.PlatformId)))
            {
                wanted.Add(new AlertSpec(AlertRuleNames.Lag, p.PlatformId, "warning", p.PlatformId, p.RegionCode,
                    $"平台「{p.Name}」同步滞后：落后 {p.LagVersions} 个版本，待发最久 {(int)p.OutboxAge.TotalSeconds} 秒，收件队列 {p.InboxDepth} 条，适配器待发 {p.AdapterPending} 条",
                    $"Platform {p.Name} lags: {p.LagVersions} versions behind, oldest unsent {(int)p.OutboxAge.TotalSeconds} s, inbox {p.InboxDepth}, adapter outbox {p.AdapterPending}"));
            }
        }
        return wanted;
    }

    /// <summary>"6 分钟" / "6 min" from a minute on, seconds below.</summary>
    internal static (string Zh, string En) Duration(TimeSpan span) => span >= TimeSpan.FromMinutes(1)
        ? ($"{(int)span.TotalMinutes} 分钟", $"{(int)span.TotalMinutes} min")
        : ($"{(int)span.TotalSeconds} 秒", $"{(int)span.TotalSeconds} s");

    /// <summary>Platforms whose every raw sample over the last LagFor showed lag, and whose samples reach back that far.</summary>
    private async Task<HashSet<string>> LaggingThroughoutAsync(string[] ids, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        if (ids.Length == 0 || o.Alerts.LagFor == TimeSpan.Zero)
        {
            return [.. ids];
        }
        var since = now - o.Alerts.LagFor;
        var reach = since + o.SampleInterval;
        var held = await db.Database.SqlQuery<string>($"""
            SELECT platform_id AS "Value" FROM platform_health_samples
            WHERE resolution = 0 AND platform_id = ANY({ids}) AND at >= {since}
            GROUP BY platform_id HAVING bool_and(flags & 1 = 1) AND min(at) <= {reach}
            """).ToListAsync(ct);
        return [.. held];
    }

    /// <summary>Support breach alerts resolve once their request is resolved, closed or cancelled.</summary>
    private async Task<int> ResolveSupportAsync(DateTimeOffset now, CancellationToken ct)
    {
        var firing = await db.Set<MonitoringAlert>().AsNoTracking().Where(a => a.Status == AlertStatus.Firing && a.Rule == AlertRuleNames.SupportBreach)
            .Select(a => new { a.Id, a.Subject }).ToListAsync(ct);
        if (firing.Count == 0)
        {
            return 0;
        }
        var numbers = firing.Select(f => f.Subject.Split(':')[0]).Distinct().ToList();
        var open = await db.Set<SupportRequest>().AsNoTracking().Where(r => numbers.Contains(r.Number) && SupportWorkflow.Open.Contains(r.Status))
            .Select(r => r.Number).ToListAsync(ct);
        var resolved = 0;
        foreach (var alert in firing.Where(f => !open.Contains(f.Subject.Split(':')[0])))
        {
            resolved += await alerts.ResolveAsync(alert.Id, "support request no longer open", now, ct) ? 1 : 0;
        }
        return resolved;
    }
}
