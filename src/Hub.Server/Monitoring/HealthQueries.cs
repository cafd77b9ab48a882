using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Monitoring;

public sealed record AlertView(long Id, string Rule, string Subject, string Severity, string? PlatformId, string? RegionCode, string Status,
    string SummaryZh, string SummaryEn, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt);

public sealed record AlertEventView(DateTimeOffset At, string Kind, string? Note);

public sealed record RejectionView(string Code, long Count, DateTimeOffset LastAt);

/// <summary>One platform's health with its history, the reasons of its rejections and its alerts.</summary>
public sealed record PlatformHealthDetail(HealthReading Health, Throughput Throughput, IReadOnlyList<HistoryPoint> History,
    IReadOnlyList<RejectionView> Rejections, IReadOnlyList<AlertView> Alerts);

/// <summary>
/// Reads health and alerts inside the caller's jurisdiction: platforms of their region subtree only; a platform or alert
/// outside it is reported absent and the attempt audited. Current health comes from this replica's latest sample (read
/// afresh when there is none yet).
/// </summary>
public sealed class HealthQueries(HubDbContext db, HealthBoard board, HealthReader reader, HealthHistory history, AuditLog audit, RegionCatalog regions,
    TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> Ranges = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1), ["24h"] = TimeSpan.FromHours(24), ["7d"] = TimeSpan.FromDays(7),
    };

    public async Task<HealthSnapshot> CurrentAsync(CancellationToken ct) => board.Latest ?? await reader.ReadAsync(clock.GetUtcNow(), ct);

    /// <summary>The platforms of the caller's subtree (or of <paramref name="region"/> inside it), in region order.</summary>
    public async Task<List<HealthReading>> ListAsync(Caller caller, string? region, CancellationToken ct)
    {
        var scope = caller.Scope.Within(region, regions);
        return (await CurrentAsync(ct)).Platforms.Where(p => scope.Contains(p.RegionCode)).ToList();
    }

    public async Task<PlatformHealthDetail?> DetailAsync(Caller caller, string platformId, TimeSpan range, string action, CancellationToken ct)
    {
        var reading = (await CurrentAsync(ct)).Platforms.FirstOrDefault(p => p.PlatformId == platformId);
        if (reading is null || !await InScopeAsync(caller, reading.RegionCode, "platform", platformId, action, ct))
        {
            return null;
        }
        var points = await history.ReadAsync(platformId, range, clock.GetUtcNow(), ct);
        var rejections = await db.Set<PlatformRejectionCount>().AsNoTracking().Where(r => r.PlatformId == platformId)
            .OrderByDescending(r => r.Count).Take(20).Select(r => new RejectionView(r.Code, r.Count, r.LastAt)).ToListAsync(ct);
        var alerts = await db.Set<MonitoringAlert>().AsNoTracking().Where(a => a.PlatformId == platformId)
            .OrderByDescending(a => a.Id).Take(20).ToListAsync(ct);
        return new PlatformHealthDetail(reading, board.ThroughputOf(platformId), points, rejections, alerts.ConvertAll(View));
    }

    /// <summary>Alerts whose region lies in the caller's subtree (those without a region: national operators only), newest first.</summary>
    public async Task<List<AlertView>> AlertsAsync(Caller caller, bool firingOnly, int limit, CancellationToken ct)
    {
        var (lower, upper, national) = (caller.Scope.Lower, caller.Scope.Upper, caller.Scope.IsNational);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var alerts = await db.Set<MonitoringAlert>().AsNoTracking()
            .Where(a => (!firingOnly || a.Status == AlertStatus.Firing)
                && (a.RegionCode == null ? national : string.Compare(a.RegionCode, lower) >= 0 && string.Compare(a.RegionCode, upper) < 0))
#pragma warning restore CA1309
            .OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);
        return alerts.ConvertAll(View);
    }

    public async Task<(AlertView Alert, List<AlertEventView> Timeline)?> AlertAsync(Caller caller, long id, CancellationToken ct)
    {
        var alert = await db.Set<MonitoringAlert>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null || !(alert.RegionCode is null ? caller.Scope.IsNational
                : await InScopeAsync(caller, alert.RegionCode, "alert", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "monitoring.alert.read", ct)))
        {
            return null;
        }
        var events = await db.Set<AlertEvent>().AsNoTracking().Where(e => e.AlertId == id).OrderBy(e => e.Id)
            .Select(e => new AlertEventView(e.At, e.Kind, e.Note)).ToListAsync(ct);
        return (View(alert), events);
    }

    private async Task<bool> InScopeAsync(Caller caller, string regionCode, string subjectType, string subjectId, string action, CancellationToken ct)
    {
        if (caller.Scope.Contains(regionCode))
        {
            return true;
        }
        audit.Record(caller.Actor, action, subjectType, subjectId, "denied: outside jurisdiction", regionCode: caller.RegionCode);
        await db.SaveChangesAsync(ct);
        return false;
    }

    public static AlertView View(MonitoringAlert a) => new(a.Id, a.Rule, a.Subject, a.Severity, a.PlatformId, a.RegionCode,
        a.Status == AlertStatus.Firing ? "firing" : "resolved", a.SummaryZh, a.SummaryEn, a.FiredAt, a.ResolvedAt);
}
