using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Apps;

/// <summary>
/// The inheritance rule: an app is selected for a region when it is approved for that region or for any region
/// above it (上级区域已选用的，下级区域不需要重复选用). A sibling's approval never counts.
/// </summary>
public sealed class AppSelections(HubDbContext db, RegionCatalog regions) : IAppSelection
{
    /// <summary>The region itself and every region above it: the approvals that cover it.</summary>
    public static IReadOnlyList<string> CoveringRegions(string regionCode, RegionCatalog regions) =>
        [regionCode, .. regions.Ancestors(regionCode).Select(r => r.Code)];

    public Task<bool> IsSelectedAsync(string appId, string regionCode, CancellationToken ct)
    {
        var covering = CoveringRegions(regionCode, regions);
        return Approved(covering).Join(db.Set<VendorApp>().Where(a => a.AppId == appId), s => s.VendorAppId, a => a.Id, (s, _) => s)
            .AnyAsync(ct);
    }

    /// <summary>Every app usable in the region, each with the highest region whose approval covers it.</summary>
    public async Task<List<(VendorApp App, AppSelection SelectedBy)>> SelectedInAsync(string regionCode, CancellationToken ct)
    {
        var rows = await Approved(CoveringRegions(regionCode, regions))
            .Join(db.Set<VendorApp>(), s => s.VendorAppId, a => a.Id, (s, a) => new { s, a }).ToListAsync(ct);
        // A province code sorts before its cities' and counties' codes, so the smallest code is the highest level.
        return [.. rows.GroupBy(x => x.a.Id)
            .Select(g => g.OrderBy(x => x.s.RegionCode, StringComparer.Ordinal).First())
            .OrderBy(x => x.a.Name, StringComparer.Ordinal)
            .Select(x => (x.a, x.s))];
    }

    private IQueryable<AppSelection> Approved(IReadOnlyList<string> covering) =>
        db.Set<AppSelection>().AsNoTracking().Where(s => s.Status == AppSelectionStatus.Approved && covering.Contains(s.RegionCode));
}
