using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog;

/// <summary>Catalog filters (codes as in specs/data); null means any.</summary>
public sealed record CatalogFilter(string? Query, string? Subject, string? Stage, int? Grade, string? Type, string? Level, string? RegionCode,
    string? Status, string? Licence);

/// <summary>
/// Who sees which resource. The catalog of a region holds the approved resources that entered the system in its subtree
/// (aggregated upwards, 多级汇聚) and those of the levels above it (national, province, city: available below); a
/// sibling region's resources do not exist for it. Pending, rejected and withdrawn resources are seen only by the
/// jurisdictions over their origin (the reviewers) and by their provider. One row per resource, matched by region
/// prefix and ancestor codes, so a county's approval is in four catalogs at once and a withdrawal leaves all four at once.
/// </summary>
public sealed class CatalogQueries(HubDbContext db, RegionCatalog regions, AuditLog audit)
{
    /// <summary>The region codes above a caller (its ancestors and "000000" national), whose resources it may use.</summary>
    public string[] Above(Caller caller) =>
        caller.RegionCode is null ? [] : ["000000", .. regions.Ancestors(caller.RegionCode).Select(r => r.Code)];

    /// <summary>Approved resources the caller's catalog holds.</summary>
    public IQueryable<CatalogResource> Visible(Caller caller)
    {
        var (lower, upper, above) = (caller.Scope.Lower, caller.Scope.Upper, Above(caller));
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        return db.Set<CatalogResource>().AsNoTracking().Where(r => r.Status == ResourceStatus.Approved
            && ((string.Compare(r.OriginRegionCode, lower) >= 0 && string.Compare(r.OriginRegionCode, upper) < 0) || above.Contains(r.OriginRegionCode)));
    }

    /// <summary>Resources of any status the caller answers for: origin in its subtree, or its own as provider.</summary>
    public IQueryable<CatalogResource> Managed(Caller caller)
    {
        var (lower, upper, provider) = (caller.Scope.Lower, caller.Scope.Upper, ResourceValidator.ProviderId(caller));
        return db.Set<CatalogResource>().AsNoTracking().Where(r => r.ProviderId == provider
            || (string.Compare(r.OriginRegionCode, lower) >= 0 && string.Compare(r.OriginRegionCode, upper) < 0));
#pragma warning restore CA1309
    }

    /// <summary>One resource the caller may see; outside its reach it does not exist, and the attempt is audited.</summary>
    public async Task<CatalogResource?> FindAsync(Caller caller, string resourceId, string action, CancellationToken ct)
    {
        var id = resourceId.ToUpperInvariant();
        var row = await Visible(caller).FirstOrDefaultAsync(r => r.ResourceId == id, ct)
            ?? await Managed(caller).FirstOrDefaultAsync(r => r.ResourceId == id, ct);
        if (row is null && id.Length == 17 && await db.Set<CatalogResource>().AnyAsync(r => r.ResourceId == id, ct))
        {
            audit.Record(caller.Actor, action, "resource", id, "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
        }
        return row;
    }

    /// <summary>A page of the catalog, newest first (keyset over id), filtered; <c>status</c> other than approved reads the managed set.</summary>
    public async Task<(List<CatalogResource> Items, string? Next)> SearchAsync(Caller caller, CatalogFilter f, long? after, int limit, CancellationToken ct)
    {
        var rows = f.Status is null or "approved" ? Visible(caller) : Managed(caller).Where(r => r.Status == Parse(f.Status));
        if (f.Query is not null && CatalogText.Query(f.Query) is { } query)
        {
            rows = rows.Where(r => r.Search!.Matches(query));
        }
        rows = f.Subject is null ? rows : rows.Where(r => r.Subject == f.Subject);
        rows = f.Stage is null ? rows : rows.Where(r => r.Stage == f.Stage);
        rows = f.Grade is not { } grade ? rows : rows.Where(r => r.Grades.Contains((short)grade));
        rows = f.Type is null ? rows : rows.Where(r => r.ResourceType == f.Type);
        rows = f.Level is null ? rows : rows.Where(r => r.OriginLevel == f.Level);
        rows = f.Licence is null ? rows : rows.Where(r => r.LicenceKind == f.Licence);
        if (f.RegionCode is not null)
        {
            var scope = RegionScope.Of(f.RegionCode);
            var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // as above
            rows = rows.Where(r => string.Compare(r.OriginRegionCode, lower) >= 0 && string.Compare(r.OriginRegionCode, upper) < 0);
#pragma warning restore CA1309
        }
        if (after is { } a)
        {
            rows = rows.Where(r => r.Id < a);
        }
        var items = await rows.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(ct);
        var next = items.Count > limit ? CatalogViews.Cursor(items[limit - 1].Id) : null;
        return (items.Count > limit ? items[..limit] : items, next);
    }

    public static ResourceStatus? Parse(string? status) =>
        Enum.TryParse<ResourceStatus>(status, ignoreCase: true, out var s) && status!.All(char.IsAsciiLetterLower) ? s : null;
}
