using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

public sealed record HoldView(long Id, string PlatformId, string RegionCode, Guid BatchId, int Count, double Share, string Status,
    DateTimeOffset HeldAt, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record HoldDecision(HoldView Hold, int Removed);

public sealed record ExchangeRequest(string? Entity, string? Reason);

public sealed record ExchangeRequestView(Guid RequestId, string PlatformId, string Entity, string Kind);

/// <summary>
/// What operators do to the exchange: decide held removals, ask a platform for a snapshot or a reconciliation. Every
/// action is checked against the operator's jurisdiction (the platform's region inside it, else "absent") and audited.
/// </summary>
public sealed class ExchangeOperations(HubDbContext db, SyncPlatforms platforms, PeopleRemovals removals, Outbox outbox, AuditLog audit,
    OutboxSignal signal, TimeProvider clock)
{
    public async Task<List<HoldView>> HoldsAsync(Caller caller, bool pendingOnly, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var holds = await db.Set<RemovalHold>().AsNoTracking()
            .Where(h => string.Compare(h.RegionCode, lower) >= 0 && string.Compare(h.RegionCode, upper) < 0 && (!pendingOnly || h.Status == HoldStatus.Pending))
#pragma warning restore CA1309
            .OrderByDescending(h => h.Id).Take(200).ToListAsync(ct);
        return holds.ConvertAll(View);
    }

    public async Task<(HoldDecision? Decision, ErrorDefinition? Error)> DecideAsync(Caller caller, long id, bool confirm, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hold = await db.Set<RemovalHold>().FromSql($"SELECT * FROM removal_holds WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (hold is null || !caller.Scope.Contains(hold.RegionCode))
        {
            if (hold is not null)
            {
                audit.Record(caller.Actor, "exchange.hold.decide", "removal-hold", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "denied: outside jurisdiction", regionCode: caller.RegionCode);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            return (null, ExchangeErrors.HoldNotFound);
        }
        if (hold.Status != HoldStatus.Pending)
        {
            return (null, ExchangeErrors.HoldDecided);
        }
        var now = clock.GetUtcNow();
        var removed = 0;
        if (confirm)
        {
            var (platform, _) = await platforms.LoadAsync(hold.PlatformId, ct);
            var batch = JsonSerializer.Deserialize<List<EntityRemoval>>(hold.Removals, Outbox.Json) ?? [];
            var (answer, _) = await removals.ApplyAsync(platform!, hold.BatchId, batch, confirmed: true, ct);
            removed = answer.Assigned.Count(a => a.Outcome == Outcomes.Removed);
            outbox.SendToPlatform(hold.PlatformId, answer.ToMessage(now));
        }
        (hold.Status, hold.DecidedBy, hold.DecidedAt) = (confirm ? HoldStatus.Confirmed : HoldStatus.Discarded, caller.Actor, now);
        audit.Record(caller.Actor, confirm ? "exchange.hold.confirm" : "exchange.hold.discard", "removal-hold",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), confirm ? "confirmed" : "discarded",
            purpose: $"platform {hold.PlatformId}, {hold.Count} removals, {removed} applied", regionCode: hold.RegionCode);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return (new HoldDecision(View(hold), removed), null);
    }

    /// <summary>Sends a platform <see cref="SnapshotRequested"/> or <see cref="ReconcileRequested"/> through the outbox.</summary>
    public async Task<(ExchangeRequestView? Request, ErrorDefinition? Error)> RequestAsync(Caller caller, string platformId, string kind,
        ExchangeRequest request, CancellationToken ct)
    {
        var access = await db.Set<PlatformAccess>().AsNoTracking().FirstOrDefaultAsync(a => a.PublicId == platformId, ct);
        if (access is null || !caller.Scope.Contains(access.RegionCode) || access.Status is not (PlatformAccessStatus.Connected or PlatformAccessStatus.Approved))
        {
            return (null, ExchangeErrors.PlatformNotFound);
        }
        var entity = request.Entity ?? "people";
        if (!Reconciliation.IsEntity(entity))
        {
            return (null, ExchangeErrors.EntityUnknown);
        }
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "operator request" : request.Reason.Trim()[..Math.Min(200, request.Reason.Trim().Length)];
        if (kind == "snapshot")
        {
            outbox.SendToPlatform(platformId, new SnapshotRequested(id, entity, reason, now));
        }
        else
        {
            outbox.SendToPlatform(platformId, new ReconcileRequested(id, entity, now));
        }
        audit.Record(caller.Actor, $"exchange.{kind}.request", "platform", platformId, "requested", purpose: $"{entity}: {reason}", regionCode: access.RegionCode);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return (new ExchangeRequestView(id, platformId, entity, kind), null);
    }

    private static HoldView View(RemovalHold h) => new(h.Id, h.PlatformId, h.RegionCode, h.BatchId, h.Count, h.Share,
        h.Status.ToString().ToLowerInvariant(), h.HeldAt, h.DecidedBy, h.DecidedAt);
}
