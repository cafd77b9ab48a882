using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Operators;

public sealed record GrantOperatorRequest(string? HubId, string? RegionCode, string[]? Permissions);

public sealed record OperatorView(string HubId, string? RegionCode, string Level, string[] Permissions, string GrantedBy, DateTimeOffset GrantedAt);

/// <summary>
/// Grants and revokes admin accounts. A granter hands out only what it holds, only inside its own subtree: a city
/// admin can make county admins, never a province admin.
/// </summary>
public sealed class OperatorAccounts(HubDbContext db, AuditLog audit, RegionCatalog regions, TimeProvider clock)
{
    public async Task<(OperatorView? View, List<FieldError> Errors)> GrantAsync(GrantOperatorRequest request, Caller granter, bool system, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var person = HubIds.Normalize(request.HubId?.Trim()) is { } hubId
            ? await db.Set<Person>().FirstOrDefaultAsync(p => p.HubId == hubId && p.Status == PersonStatus.Active, ct)
            : null;
        if (person is null || !(system || granter.Scope.Contains(person.RegionCode)))
        {
            errors.Add(new FieldError("hubId", OperatorErrors.PersonUnknown));
        }
        var region = string.IsNullOrWhiteSpace(request.RegionCode) ? null : request.RegionCode.Trim();
        if (region is null ? !(system || granter.Scope.IsNational) : !regions.IsCurrent(region) || !granter.Scope.Contains(region))
        {
            errors.Add(new FieldError("regionCode", OperatorErrors.RegionNotGrantable));
        }
        var permissions = (request.Permissions ?? []).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (permissions.Length == 0 || permissions.Any(p => !HubScopes.Api.Contains(p) || !(system || granter.HasScope(p))))
        {
            errors.Add(new FieldError("permissions", OperatorErrors.PermissionNotGrantable));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        await db.Set<OperatorAccount>().Where(a => a.PersonId == person!.Id && a.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RevokedAt, now), ct);
        var account = new OperatorAccount
        {
            PersonId = person!.Id,
            RegionCode = region,
            Level = regions.TryGet(region, out var r) ? (JurisdictionLevel)(int)r.Level : JurisdictionLevel.National,
            Permissions = permissions,
            GrantedBy = granter.Actor,
            GrantedAt = now,
        };
        db.Add(account);
        audit.Record(granter.Actor, "operator.grant", "person", person.HubId, "granted", purpose: string.Join(' ', permissions), regionCode: region);
        await db.SaveChangesAsync(ct);
        return (View(person.HubId, account), errors);
    }

    public async Task<List<OperatorView>> ListAsync(Caller caller, CancellationToken ct)
    {
        var rows = await db.Set<OperatorAccount>().AsNoTracking().Where(a => a.RevokedAt == null)
            .Join(db.Set<Person>(), a => a.PersonId, p => p.Id, (a, p) => new { a, p.HubId })
            .OrderBy(x => x.a.RegionCode).ThenBy(x => x.a.Id).ToListAsync(ct);
        return [.. rows.Where(x => x.a.RegionCode is null ? caller.Scope.IsNational : caller.Scope.Contains(x.a.RegionCode))
            .Select(x => View(x.HubId, x.a))];
    }

    /// <summary>False when there is no live account inside the caller's jurisdiction (reported as 404).</summary>
    public async Task<bool> RevokeAsync(string hubId, Caller caller, CancellationToken ct)
    {
        var row = await db.Set<OperatorAccount>().Where(a => a.RevokedAt == null)
            .Join(db.Set<Person>().Where(p => p.HubId == hubId), a => a.PersonId, p => p.Id, (a, _) => a).FirstOrDefaultAsync(ct);
        if (row is null || !(row.RegionCode is null ? caller.Scope.IsNational : caller.Scope.Contains(row.RegionCode)))
        {
            return false;
        }
        row.RevokedAt = clock.GetUtcNow();
        audit.Record(caller.Actor, "operator.revoke", "person", hubId, "revoked", regionCode: row.RegionCode);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static OperatorView View(string hubId, OperatorAccount a) =>
        new(hubId, a.RegionCode, a.Level.ToString().ToLowerInvariant(), a.Permissions, a.GrantedBy, a.GrantedAt);
}
