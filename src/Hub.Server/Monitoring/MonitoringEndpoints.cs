using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Monitoring;

/// <summary>A platform's health as the API and the live stream show it (durations in seconds, names as in the spec).</summary>
public sealed record PlatformHealthView(string PlatformId, string Name, string RegionCode, string State, IReadOnlyList<string> Degraded,
    DateTimeOffset? LastHeartbeatAt, int? HeartbeatAgeSeconds, string? AdapterVersion, long HubVersion, long AcknowledgedVersion, long LagVersions,
    int OutboxAgeSeconds, long InboxDepth, long AdapterPending, double MessagesInPerMinute, double MessagesOutPerMinute, long RecordsApplied,
    long RecordsRejected, int DeadLetters, IReadOnlyList<string> DeadLetterReasons, int PendingHolds, long TokenRequests, long TokenFailures,
    IReadOnlyList<ReconciliationView> Reconciliation)
{
    public static PlatformHealthView From(HealthReading r, Throughput t, DateTimeOffset at) => new(r.PlatformId, r.Name, r.RegionCode,
        HealthRules.Wire(r.State), Enum.GetValues<Degradation>().Where(f => f != Degradation.None && r.Flags.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()).ToList(),
        r.LastHeartbeatAt, r.HeartbeatAge(at) is { } age ? (int)age.TotalSeconds : null, r.AdapterVersion, r.HubVersion, r.AcknowledgedVersion,
        r.LagVersions, (int)r.OutboxAge.TotalSeconds, r.InboxDepth, r.AdapterPending, Math.Round(t.InPerMinute, 2), Math.Round(t.OutPerMinute, 2),
        r.RecordsApplied, r.RecordsRejected, r.DeadLetters, r.DeadLetterReasons, r.PendingHolds, r.TokenRequests, r.TokenFailures, r.Reconciliation);
}

public sealed record PlatformHealthList(DateTimeOffset At, IReadOnlyList<PlatformHealthView> Items);

public sealed record PlatformHealthResponse(PlatformHealthView Health, IReadOnlyList<HistoryPoint> History, IReadOnlyList<RejectionView> Rejections,
    IReadOnlyList<AlertView> Alerts);

public sealed record AlertDetail(AlertView Alert, IReadOnlyList<AlertEventView> Timeline);

/// <summary>/api/v1/monitoring: connection health and alerts of the caller's subtree (scope <c>exchange:manage</c>).</summary>
public static class MonitoringEndpoints
{
    public static void MapMonitoringEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/monitoring").WithTags("Monitoring 连接监测").RequireAuthorization(HubScopes.ExchangeManage);
        group.MapGet("/platforms", async (ClaimsPrincipal user, HealthQueries queries, HealthBoard board, CancellationToken ct, string? region = null) =>
            {
                var snapshot = await queries.CurrentAsync(ct);
                var items = await queries.ListAsync(Caller.From(user), region, ct);
                return TypedResults.Ok(new PlatformHealthList(snapshot.At, items.ConvertAll(r => PlatformHealthView.From(r, board.ThroughputOf(r.PlatformId), snapshot.At))));
            })
            .WithName("ListPlatformHealth").WithSummary("管辖范围内各平台的连接状态 / Connection health of the platforms in your jurisdiction");
        group.MapGet("/platforms/{platformId}", PlatformAsync)
            .WithName("GetPlatformHealth").WithSummary("平台的连接状态与历史 / A platform's health and history");
        group.MapGet("/alerts", async (ClaimsPrincipal user, HealthQueries queries, CancellationToken ct, bool firing = false, int limit = 100) =>
                limit is < 1 or > 1000
                    ? (Results<Ok<List<AlertView>>, ProblemHttpResult>)HubProblems.Validation(new FieldError("limit", GeneralErrors.ValidationFailed))
                    : TypedResults.Ok(await queries.AlertsAsync(Caller.From(user), firing, limit, ct)))
            .WithName("ListAlerts").WithSummary("告警（最新在前）/ Alerts, newest first");
        group.MapGet("/alerts/{id:long}", async Task<Results<Ok<AlertDetail>, ProblemHttpResult>> (long id, ClaimsPrincipal user, HealthQueries queries, CancellationToken ct) =>
                await queries.AlertAsync(Caller.From(user), id, ct) is { } found
                    ? TypedResults.Ok(new AlertDetail(found.Alert, found.Timeline))
                    : HubProblems.Create(MonitoringErrors.AlertNotFound))
            .WithName("GetAlert").WithSummary("告警及其时间线 / An alert and its timeline");
    }

    private static async Task<Results<Ok<PlatformHealthResponse>, ProblemHttpResult>> PlatformAsync(string platformId, ClaimsPrincipal user,
        HealthQueries queries, TimeProvider clock, CancellationToken ct, string range = "1h")
    {
        if (!HealthQueries.Ranges.TryGetValue(range, out var span))
        {
            return HubProblems.Validation(new FieldError("range", MonitoringErrors.RangeInvalid));
        }
        if (await queries.DetailAsync(Caller.From(user), platformId, span, "monitoring.platform.read", ct) is not { } detail)
        {
            return HubProblems.Create(MonitoringErrors.PlatformNotFound);
        }
        return TypedResults.Ok(new PlatformHealthResponse(PlatformHealthView.From(detail.Health, detail.Throughput, clock.GetUtcNow()), detail.History,
            detail.Rejections, detail.Alerts));
    }
}
