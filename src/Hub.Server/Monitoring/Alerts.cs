using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>The rule names of specs/exchange/operations.md §3.</summary>
public static class AlertRuleNames
{
    public const string Silent = "platform.silent";
    public const string Lag = "platform.lag";
    public const string DeadLetters = "exchange.dead_letters";
    public const string Reconciliation = "exchange.reconciliation";
    public const string SupportBreach = "support.sla_breach";

    /// <summary>Subject of dead letters no platform can be named for.</summary>
    public const string Unattributed = "unattributed";
}

/// <summary>An alert that should be firing now.</summary>
public sealed record AlertSpec(string Rule, string Subject, string Severity, string? PlatformId, string? RegionCode, string SummaryZh, string SummaryEn);

/// <summary>
/// Fires and resolves alerts. Each change is one transaction: the alert row (a unique index allows one firing alert per
/// rule and subject, so replicas evaluating side by side fire it once), its timeline event, the AlertRaised/AlertResolved
/// message in the outbox and the webhook delivery row; so an alert the console shows has been announced, and a
/// webhook owed survives a restart.
/// </summary>
public sealed class Alerts(HubDbContext db, Outbox outbox, OutboxSignal signal, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Fires <paramref name="spec"/> unless it is firing already; returns the new alert's id, or null. A consumer passes
    /// its inbox check as <paramref name="first"/>: false (seen before) fires nothing.
    /// </summary>
    public async Task<long?> FireAsync(AlertSpec spec, DateTimeOffset now, CancellationToken ct, Func<CancellationToken, Task<bool>>? first = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (first is not null && !await first(ct))
        {
            return null;
        }
        var id = await db.Database.SqlQuery<long>($"""
            INSERT INTO monitoring_alerts (rule, subject, severity, platform_id, region_code, status, summary_zh, summary_en, fired_at)
            VALUES ({spec.Rule}, {spec.Subject}, {spec.Severity}, {spec.PlatformId}, {spec.RegionCode}, 0, {Clip(spec.SummaryZh)}, {Clip(spec.SummaryEn)}, {now})
            ON CONFLICT (rule, subject) WHERE status = 0 DO NOTHING RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (id.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return null;
        }
        var message = new AlertRaised(id[0], spec.Rule, spec.Severity, spec.Subject, spec.PlatformId, spec.RegionCode, Clip(spec.SummaryZh), Clip(spec.SummaryEn), now);
        Announce(id[0], "fired", spec.SummaryEn, message, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return id[0];
    }

    /// <summary>Resolves the firing alert <paramref name="id"/>; false when it was resolved already (by another replica).</summary>
    public async Task<bool> ResolveAsync(long id, string note, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var alert = await db.Set<MonitoringAlert>().FromSql($"SELECT * FROM monitoring_alerts WHERE id = {id} AND status = 0 FOR UPDATE").FirstOrDefaultAsync(ct);
        if (alert is null)
        {
            return false;
        }
        (alert.Status, alert.ResolvedAt) = (AlertStatus.Resolved, now);
        Announce(id, "resolved", note, new AlertResolved(id, alert.Rule, alert.Subject, alert.PlatformId, alert.RegionCode, alert.FiredAt, now), now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return true;
    }

    /// <summary>Brings the firing alerts of the rules in <paramref name="rules"/> to exactly <paramref name="wanted"/>.</summary>
    public async Task<(int Fired, int Resolved)> ReconcileAsync(IReadOnlyCollection<string> rules, IReadOnlyList<AlertSpec> wanted, DateTimeOffset now, CancellationToken ct)
    {
        var firing = await db.Set<MonitoringAlert>().AsNoTracking().Where(a => a.Status == AlertStatus.Firing && rules.Contains(a.Rule))
            .Select(a => new { a.Id, a.Rule, a.Subject }).ToListAsync(ct);
        var wantedKeys = wanted.Select(w => (w.Rule, w.Subject)).ToHashSet();
        var firingKeys = firing.Select(f => (f.Rule, f.Subject)).ToHashSet();
        var (fired, resolved) = (0, 0);
        foreach (var spec in wanted.Where(w => !firingKeys.Contains((w.Rule, w.Subject))))
        {
            fired += await FireAsync(spec, now, ct) is null ? 0 : 1;
        }
        foreach (var gone in firing.Where(f => !wantedKeys.Contains((f.Rule, f.Subject))))
        {
            resolved += await ResolveAsync(gone.Id, "condition cleared", now, ct) ? 1 : 0;
        }
        return (fired, resolved);
    }

    private void Announce<T>(long alertId, string kind, string note, T message, DateTimeOffset now) where T : class
    {
        db.Add(new AlertEvent { AlertId = alertId, At = now, Kind = kind, Note = Clip(note) });
        outbox.Add(message);
        if (options.Value.Webhook.Url is not null)
        {
            db.Add(new AlertDelivery
            {
                // Due by the wall clock of the sender, whatever time the evaluation was for.
                AlertId = alertId, Kind = typeof(T).Name, AvailableAt = clock.GetUtcNow(),
                Body = JsonSerializer.Serialize(new { type = typeof(T).Name, alert = message }, Outbox.Json),
            });
        }
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;
}
