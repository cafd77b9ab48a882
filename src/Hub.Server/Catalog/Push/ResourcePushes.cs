using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Space.Messages;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog.Push;

/// <summary>A push target: kind region (regionCode; "000000" national), school (schoolCode), class (schoolCode, classCode) or person (hubId).</summary>
public sealed record PushTarget(string? Kind, string? RegionCode, string? SchoolCode, string? ClassCode, string? HubId);

public sealed record PushRequest(PushTarget? Target, int[]? Roles, string? Note);

public sealed record PushView(long Id, string ResourceId, string Kind, string RegionCode, string? SchoolCode, string? ClassCode, short[] Roles,
    string? Note, string PushedBy, DateTimeOffset PushedAt, DateTimeOffset? WithdrawnAt);

/// <summary>
/// Pushes (推送): a platform or operator with resources:push sends an approved resource it can see to a target inside its
/// jurisdiction. One row per push; nothing is written per recipient (<see cref="ResourceInbox"/> resolves it on read).
/// </summary>
public sealed class ResourcePushes(HubDbContext db, CatalogQueries catalog, RegionCatalog regions, AuditLog audit, TimeProvider clock)
{
    public async Task<(PushView? View, ErrorDefinition? Error, string? Field)> PushAsync(Caller caller, string resourceId, PushRequest request, CancellationToken ct)
    {
        var roles = request.Roles ?? [];
        if (roles.Any(r => r is < 0 or > 4) || (request.Note?.Length ?? 0) > 500)
        {
            return (null, ResourceErrors.PushTargetInvalid, roles.Any(r => r is < 0 or > 4) ? "roles" : "note");
        }
        var push = await TargetAsync(caller, request.Target, ct);
        if (push is null)
        {
            return (null, ResourceErrors.PushTargetInvalid, "target");
        }
        var resource = await catalog.FindAsync(caller, resourceId, "resource.push", ct);
        if (resource is null)
        {
            return (null, GeneralErrors.NotFound, null);
        }
        if (resource.Status != ResourceStatus.Approved)
        {
            return (null, ResourceErrors.NotApproved, null);
        }
        push.ResourceId = resource.Id;
        push.Roles = [.. roles.Distinct().Order().Select(r => (short)r)];
        push.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        push.PushedAt = clock.GetUtcNow();
        db.Add(push);
        audit.Record(caller.Actor, "resource.push", "resource", resource.ResourceId, "pushed", $"{push.TargetKind} {push.RegionCode} {push.SchoolCode}",
            caller.RegionCode);
        await db.SaveChangesAsync(ct);
        return (View(push, resource.ResourceId), null, null);
    }

    /// <summary>Pushes of a resource made inside the caller's subtree.</summary>
    public async Task<List<PushView>> ListAsync(Caller caller, CatalogResource resource, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = await db.Set<ResourcePush>().AsNoTracking().Where(p => p.ResourceId == resource.Id
            && ((string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0) || p.PushedBy == caller.Actor))
#pragma warning restore CA1309
            .OrderByDescending(p => p.Id).Take(500).ToListAsync(ct);
        return [.. rows.Select(p => View(p, resource.ResourceId))];
    }

    /// <summary>Withdraws a push the caller's jurisdiction made; the resource leaves those spaces at once.</summary>
    public async Task<bool> WithdrawAsync(Caller caller, long pushId, CancellationToken ct)
    {
        var push = await db.Set<ResourcePush>().FirstOrDefaultAsync(p => p.Id == pushId && p.WithdrawnAt == null, ct);
        if (push is null || !(caller.Scope.IsNational || (push.RegionCode != "000000" && caller.Scope.Contains(push.RegionCode))))
        {
            return false;
        }
        push.WithdrawnAt = clock.GetUtcNow();
        audit.Record(caller.Actor, "resource.push.withdraw", "resource_push", pushId.ToString(System.Globalization.CultureInfo.InvariantCulture), "withdrawn",
            regionCode: caller.RegionCode);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<ResourcePush?> TargetAsync(Caller caller, PushTarget? target, CancellationToken ct)
    {
        var by = caller.Actor;
        var name = caller.RegionCode is { } own && regions.TryGet(own, out var r) ? r.Name : "国家平台";
        switch (target?.Kind)
        {
            case "region":
                var code = target.RegionCode ?? "000000";
                var allowed = code == "000000" ? caller.Scope.IsNational : regions.IsCurrent(code) && caller.Scope.Contains(code);
                return allowed && caller.SchoolCode is null ? new ResourcePush
                {
                    TargetKind = PushTargetKind.Region, RegionCode = code, RegionPrefix = RegionScope.Of(code).Prefix ?? "", PushedBy = by, PushedByName = name,
                } : null;
            case "school" or "class":
                var school = await db.Set<Organization>().AsNoTracking().Where(o => o.Code == target.SchoolCode && o.Kind == OrganizationKind.School
                    && o.Status == OrganizationStatus.Active).Select(o => o.RegionCode).FirstOrDefaultAsync(ct);
                var isClass = target.Kind == "class";
                if (school is null || !caller.Scope.Contains(school) || (caller.SchoolCode is { } s && s != target.SchoolCode)
                    || (isClass && target.ClassCode is not { Length: >= 1 and <= 32 }) || (!isClass && target.ClassCode is not null))
                {
                    return null;
                }
                return new ResourcePush
                {
                    TargetKind = isClass ? PushTargetKind.Class : PushTargetKind.School, RegionCode = school, SchoolCode = target.SchoolCode,
                    ClassCode = isClass ? target.ClassCode : null, PushedBy = by, PushedByName = name,
                };
            case "person":
                var hubId = HubIds.Normalize(target.HubId);
                var person = await db.Set<Person>().AsNoTracking().Where(p => p.HubId == hubId && p.Status == PersonStatus.Active)
                    .Select(p => new { p.Id, p.RegionCode }).FirstOrDefaultAsync(ct);
                return person is not null && caller.Scope.Contains(person.RegionCode) && caller.SchoolCode is null ? new ResourcePush
                {
                    TargetKind = PushTargetKind.Person, RegionCode = person.RegionCode, PersonId = person.Id, PushedBy = by, PushedByName = name,
                } : null;
            default:
                return null;
        }
    }

    public static PushView View(ResourcePush p, string resourceId) => new(p.Id, resourceId, p.TargetKind.ToString().ToLowerInvariant(), p.RegionCode,
        p.SchoolCode, p.ClassCode, p.Roles, p.Note, p.PushedBy, p.PushedAt, p.WithdrawnAt);

    /// <summary>The region prefixes a person's space matches (shared with announcements).</summary>
    public static IEnumerable<string> Prefixes(string regionCode) => AudienceResolver.Prefixes(regionCode);
}
