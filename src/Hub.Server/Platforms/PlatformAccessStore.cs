using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Platforms;

/// <summary>
/// Loading and saving access applications inside a jurisdiction, and the one way a change is recorded: new change
/// version, audit entry and (for a transition) history row, committed together.
/// </summary>
public sealed class PlatformAccessStore(HubDbContext db, AuditLog audit, TimeProvider clock, IHostEnvironment environment)
{
    /// <summary>Client secrets for platforms without a JWKS exist only where nobody's real data is.</summary>
    public bool SecretsAllowed => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public IQueryable<PlatformAccess> InScope(RegionScope scope)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings; no culture is involved
        return db.Set<PlatformAccess>().Where(p => string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0);
#pragma warning restore CA1309
    }

    /// <summary>
    /// The application with its history if it is inside the caller's jurisdiction. One outside it is reported as
    /// absent (existence does not leak) and the attempt is audited.
    /// </summary>
    public async Task<PlatformAccess?> FindAsync(string id, Caller caller, string action, CancellationToken ct)
    {
        var access = await db.Set<PlatformAccess>().Include(p => p.History).FirstOrDefaultAsync(p => p.PublicId == id, ct);
        if (access is not null && !caller.Scope.Contains(access.RegionCode))
        {
            audit.Record(caller.Actor, action, "platform", id, "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }
        return access;
    }

    /// <summary>Keyset page over (region, id) inside <paramref name="scope"/>, optionally one status only.</summary>
    public async Task<(List<PlatformAccess> Items, string? Next)> ListAsync(RegionScope scope, PlatformAccessStatus? status, string? after,
        int limit, CancellationToken ct)
    {
        var query = InScope(scope).AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }
        if (RegionCursor.Decode(after) is { } cursor)
        {
#pragma warning disable CA1309 // as in InScope
            query = query.Where(p => string.Compare(p.RegionCode, cursor.Region) > 0 || (p.RegionCode == cursor.Region && p.Id > cursor.Id));
#pragma warning restore CA1309
        }
        var items = await query.OrderBy(p => p.RegionCode).ThenBy(p => p.Id).Take(limit + 1).ToListAsync(ct);
        var next = RegionCursor.TrimPage(items, limit, p => (p.RegionCode, p.Id));
        return (items, next);
    }

    /// <summary>Moves the application to <paramref name="to"/>: history row, audit entry, new change version.</summary>
    public async Task<PlatformOutcome> TransitionAsync(PlatformAccess access, PlatformAccessStatus to, Caller caller, string action,
        string? reasons, CancellationToken ct)
    {
        PlatformWorkflow.Move(access, to, caller.Actor, reasons, clock.GetUtcNow());
        return await ChangeAsync(access, caller, action, reasons, ct);
    }

    /// <summary>Records a change already applied to <paramref name="access"/> (audit entry, change version) and saves it.</summary>
    public async Task<PlatformOutcome> ChangeAsync(PlatformAccess access, Caller caller, string action, string? reasons, CancellationToken ct)
    {
        access.UpdatedAt = clock.GetUtcNow();
        access.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.Actor, action, "platform", access.PublicId, PlatformWorkflow.Wire(access.Status),
            purpose: reasons is { Length: > 256 } ? reasons[..256] : reasons, regionCode: access.RegionCode);
        return await SaveAsync(access, ct);
    }

    public async Task<PlatformOutcome> SaveAsync(PlatformAccess access, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new PlatformOutcome(access);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PlatformOutcome.Fail(PlatformErrors.StaleVersion);
        }
    }
}
