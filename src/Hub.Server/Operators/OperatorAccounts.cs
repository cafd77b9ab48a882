using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Operators;

/// <summary>A grant; with a school code it makes a school account, whose region is the school's (a region given must match it).</summary>
public sealed record GrantOperatorRequest(string? HubId, string? RegionCode, string[]? Permissions, string? SchoolCode = null);

public sealed record OperatorView(string HubId, string? RegionCode, string Level, string[] Permissions, string GrantedBy, DateTimeOffset GrantedAt,
    string? SchoolCode = null);

/// <summary>
/// Grants and revokes admin accounts. A granter hands out only what it holds, only inside its own subtree: a city
/// admin can make county admins, never a province admin.
/// </summary>
public sealed class OperatorAccounts(HubDbContext db, AuditLog audit, RegionCatalog regions, TimeProvider clock)
{
    /// <summary>What a school account may hold: acting for its own school only, never over a region.</summary>
    public static readonly string[] SchoolPermissions = [HubScopes.SupportRequest, HubScopes.ResourcesProcure];

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
        Organization? school = null;
        if (!string.IsNullOrWhiteSpace(request.SchoolCode))
        {
            var code = request.SchoolCode.Trim();
            school = await db.Set<Organization>().AsNoTracking()
                .FirstOrDefaultAsync(o => o.Code == code && o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active, ct);
            if (school is null || !granter.Scope.Contains(school.RegionCode) || (region is not null && region != school.RegionCode))
            {
                errors.Add(new FieldError("schoolCode", OperatorErrors.SchoolNotGrantable));
            }
            region = school?.RegionCode;
        }
        else if (region is null ? !(system || granter.Scope.IsNational) : !regions.IsCurrent(region) || !granter.Scope.Contains(region))
        {
            errors.Add(new FieldError("regionCode", OperatorErrors.RegionNotGrantable));
        }
        var permissions = (request.Permissions ?? []).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (permissions.Length == 0 || permissions.Any(p => !HubScopes.Api.Contains(p) || !(system || granter.HasScope(p))
            || (request.SchoolCode is not null && !SchoolPermissions.Contains(p))))
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
            SchoolId = school?.Id,
            SchoolCode = school?.Code,
            Level = school is not null ? JurisdictionLevel.School
                : regions.TryGet(region, out var r) ? (JurisdictionLevel)(int)r.Level : JurisdictionLevel.National,
            Permissions = permissions,
            GrantedBy = granter.Actor,
            GrantedAt = now,
        };
        db.Add(account);
        audit.Record(granter.Actor, "operator.grant", "person", person.HubId, "granted", purpose: string.Join(' ', permissions) + (school is null ? "" : " school " + school.Code), regionCode: region);
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
        new(hubId, a.RegionCode, a.Level.ToString().ToLowerInvariant(), a.Permissions, a.GrantedBy, a.GrantedAt, a.SchoolCode);
}
