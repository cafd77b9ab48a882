using Hub.Contracts.V1;
using Hub.Server.Audit;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Support;

/// <summary>What one round of the checker did.</summary>
public sealed record SupportCheckResult(int ResponseBreaches, int ResolutionBreaches, int Escalated, int AutoClosed, int Routed);

/// <summary>
/// The background checker, every <see cref="SupportOptions.CheckInterval"/>: flags response and resolution breaches
/// (once per request and kind), escalates a breached request to the next level up (the level watches it; a request
/// nobody has started yet moves to a team or expert there), announces each breach as
/// <see cref="SupportServiceLevelBreached"/> through the outbox, auto-closes requests resolved longer than
/// <see cref="SupportOptions.AutoCloseAfter"/>, and retries routing of unrouted requests. Each request is handled in
/// its own transaction holding its row (FOR UPDATE SKIP LOCKED), so replicas share the work and never do it twice.
/// </summary>
public sealed partial class SupportServiceLevelChecker(IServiceScopeFactory scopes, IOptions<SupportOptions> options, TimeProvider clock,
    ILogger<SupportServiceLevelChecker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var result = await CheckOnceAsync(stoppingToken);
                if (result != new SupportCheckResult(0, 0, 0, 0, 0))
                {
                    LogChecked(logger, result.ResponseBreaches, result.ResolutionBreaches, result.Escalated, result.AutoClosed, result.Routed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick tries again.
                LogFailed(logger, e);
            }
        }
    }

    public async Task<SupportCheckResult> CheckOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var batch = options.Value.CheckBatchSize;
        int response = 0, resolution = 0, escalated = 0, closed = 0, routed = 0;
        var responseIds = await CandidatesAsync(db => db.Set<SupportRequest>().Where(r => r.ResponseBreachedAt == null && r.RespondedAt == null
            && SupportWorkflow.Open.Contains(r.Status) && r.ResponseDueAt <= now).OrderBy(r => r.ResponseDueAt), batch, ct);
        foreach (var id in responseIds)
        {
            if (await OneAsync(id, (s, r) => BreachAsync(s, r, BreachKind.Response, now, ct), ct) is { } moved)
            {
                response++;
                escalated += moved ? 1 : 0;
            }
        }
        var resolutionIds = await CandidatesAsync(db => db.Set<SupportRequest>().Where(r => r.ResolutionBreachedAt == null
            && SupportWorkflow.Running.Contains(r.Status) && r.ResolutionDueAt <= now).OrderBy(r => r.ResolutionDueAt), batch, ct);
        foreach (var id in resolutionIds)
        {
            if (await OneAsync(id, (s, r) => BreachAsync(s, r, BreachKind.Resolution, now, ct), ct) is { } moved)
            {
                resolution++;
                escalated += moved ? 1 : 0;
            }
        }
        var closeBefore = now - options.Value.AutoCloseAfter;
        foreach (var id in await CandidatesAsync(db => db.Set<SupportRequest>().Where(r => r.Status == SupportStatus.Resolved && r.ResolvedAt <= closeBefore)
            .OrderBy(r => r.ResolvedAt), batch, ct))
        {
            closed += await OneAsync(id, (s, r) => AutoCloseAsync(s, r, now, ct), ct) is not null ? 1 : 0;
        }
        foreach (var id in await CandidatesAsync(db => db.Set<SupportRequest>().Where(r => r.Status == SupportStatus.New).OrderBy(r => r.Id), batch, ct))
        {
            routed += await OneAsync(id, async (s, r) => await s.GetRequiredService<SupportFiling>().RouteAsync(r, now, ct) ? true : null, ct) is not null ? 1 : 0;
        }
        return new SupportCheckResult(response, resolution, escalated, closed, routed);
    }

    private async Task<List<long>> CandidatesAsync(Func<HubDbContext, IQueryable<SupportRequest>> query, int batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>()).Select(r => r.Id).Take(batch).ToListAsync(ct);
    }

    /// <summary>Runs <paramref name="act"/> on one request under its row lock; null when another replica holds it or nothing was done.</summary>
    private async Task<bool?> OneAsync(long id, Func<IServiceProvider, SupportRequest, Task<bool?>> act, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.Set<SupportRequest>().FromSql($"SELECT * FROM support_requests WHERE id = {id} FOR UPDATE SKIP LOCKED")
            .Include(r => r.History).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (request is null || await act(scope.ServiceProvider, request) is not { } done)
        {
            return null;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return done;
    }

    /// <summary>Flags the breach (re-checked under the lock), escalates, announces; true when the request moved to the level above.</summary>
    private static async Task<bool?> BreachAsync(IServiceProvider services, SupportRequest r, BreachKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var due = kind == BreachKind.Response ? r.ResponseDueAt : r.ResolutionDueAt;
        var still = kind == BreachKind.Response
            ? r.ResponseBreachedAt is null && r.RespondedAt is null && SupportWorkflow.Open.Contains(r.Status)
            : r.ResolutionBreachedAt is null && SupportWorkflow.Running.Contains(r.Status);
        if (!still || due > now)
        {
            return null;
        }
        var routing = services.GetRequiredService<SupportRouting>();
        var from = r.AssignedRegionCode;
        var next = routing.NextLevelUp(r);
        var moved = false;
        if (kind == BreachKind.Response)
        {
            r.ResponseBreachedAt = now;
        }
        else
        {
            r.ResolutionBreachedAt = now;
        }
        if (next is not null)
        {
            // Nobody has started: the work itself moves up. Started work stays with its handler; the level above watches.
            if (r.Status is SupportStatus.New or SupportStatus.Assigned && await routing.EscalateAsync(r, now, ct) is { } target)
            {
                SupportFiling.Assign(r, target, now);
                SupportWorkflow.Move(r, SupportAction.Escalate, "system", kind == BreachKind.Response ? "response breached" : "resolution breached", now);
                moved = true;
            }
            else
            {
                r.UpdatedAt = now;
                r.Version++;
            }
            r.EscalatedRegionCode = moved ? r.AssignedRegionCode : next;
        }
        else
        {
            r.UpdatedAt = now;
            r.Version++;
        }
        var db = services.GetRequiredService<HubDbContext>();
        db.Add(new SupportBreach { RequestId = r.Id, Kind = kind, DueAt = due, DetectedAt = now, FromRegionCode = from, EscalatedToRegionCode = r.EscalatedRegionCode });
        var wire = SupportCodes.Wire(kind);
        services.GetRequiredService<AuditLog>().Record("system", "support.breach", "support_request", r.Number, wire + (next is null ? "" : " → " + r.EscalatedRegionCode),
            regionCode: r.SchoolRegionCode);
        services.GetRequiredService<Outbox>().Add(new SupportServiceLevelBreached(r.Number, r.SchoolCode, r.SchoolRegionCode, SupportCodes.Wire(r.Kind),
            SupportCodes.Wire(r.Urgency), wire, due, now, from, r.EscalatedRegionCode, moved));
        await services.GetRequiredService<SupportMessenger>().SendAsync(r, "breach", SupportAudience.Support | SupportAudience.EscalationLeads,
            kind == BreachKind.Response ? "超过响应时限，已升级至上一级" : "超过解决时限，已升级至上一级",
            kind == BreachKind.Response ? "response target missed; escalated to the level above" : "resolution target missed; escalated to the level above", ct);
        return moved;
    }

    private static async Task<bool?> AutoCloseAsync(IServiceProvider services, SupportRequest r, DateTimeOffset now, CancellationToken ct)
    {
        var after = services.GetRequiredService<IOptions<SupportOptions>>().Value.AutoCloseAfter;
        if (r.Status != SupportStatus.Resolved || r.ResolvedAt > now - after)
        {
            return null;
        }
        SupportWorkflow.Move(r, SupportAction.AutoClose, "system", null, now);
        services.GetRequiredService<AuditLog>().Record("system", "support.auto_close", "support_request", r.Number, "closed", regionCode: r.SchoolRegionCode);
        await services.GetRequiredService<SupportMessenger>().SendAsync(r, "auto_close", SupportAudience.School | SupportAudience.Support,
            "已解决的请求超过确认期限，已自动关闭", "the resolved request was closed automatically after the confirmation period", ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Support check: {Response} response and {Resolution} resolution breaches, {Escalated} escalated, {Closed} auto-closed, {Routed} routed")]
    private static partial void LogChecked(ILogger logger, int response, int resolution, int escalated, int closed, int routed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Support check failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
