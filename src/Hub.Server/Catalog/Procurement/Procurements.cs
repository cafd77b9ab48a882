using Hub.Server.Api;
using Hub.Server.Apps;
using Hub.Server.Audit;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog.Procurement;

public sealed record ProcurementRequest(string? RegionCode, string? SchoolCode, string? FundSource, decimal? Amount, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record ProcurementView(long Id, string ResourceId, string RegionCode, string? SchoolCode, string FundSource, decimal Amount,
    DateOnly ValidFrom, DateOnly ValidTo, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record SelectionRequest(string? RegionCode, string? SchoolCode);

public sealed record SelectionView(long Id, string ResourceId, string Title, string RegionCode, string? SchoolCode, string SelectedBy, DateTimeOffset SelectedAt);

/// <summary>What a school's teachers and students have selected for them: resources (own and inherited) and apps (region approvals above).</summary>
public sealed record SchoolSelectionsView(string SchoolCode, IReadOnlyList<SelectionView> Resources, IReadOnlyList<SelectedAppView> Apps);

public sealed record SelectedAppView(string AppId, string Name, string SelectedByRegion);

/// <summary>
/// Procurement (政府购买) and selection (学校自主选择). A region (or a school account for its school) records a purchase of
/// an approved paid resource with its fund source; the resource is then free to the people of that scope. Selections
/// follow the app selections' inheritance rule (AppSelections.CoveringRegions): a region's selection applies below.
/// </summary>
public sealed class Procurements(HubDbContext db, CatalogQueries catalog, RegionCatalog regions, ResourceVendors vendors, AppSelections apps,
    AuditLog audit, TimeProvider clock)
{
    public async Task<(ProcurementView? View, ErrorDefinition? Error, string? Field)> RecordAsync(Caller caller, string resourceId, ProcurementRequest r,
        CancellationToken ct)
    {
        var scope = await ScopeAsync(caller, r.RegionCode, r.SchoolCode, ct);
        if (scope is null || !CatalogCodes.Has(CatalogCodes.FundSources, r.FundSource) || r.Amount is not (>= 0 and <= 999_999_999_999m)
            || r.ValidFrom is not { } from || r.ValidTo is not { } to || to < from)
        {
            return (null, ResourceErrors.ProcurementInvalid, scope is null ? "regionCode" : "fundSource");
        }
        var resource = await catalog.FindAsync(caller, resourceId, "resource.procure", ct);
        if (resource is null)
        {
            return (null, GeneralErrors.NotFound, null);
        }
        if (resource.Status != ResourceStatus.Approved)
        {
            return (null, ResourceErrors.NotApproved, null);
        }
        if (resource.LicenceKind == "free" || (resource.ProviderId.StartsWith("vendor:", StringComparison.Ordinal)
            && !(await vendors.AdmittedRegionsAsync(resource.ProviderId["vendor:".Length..], ct)).Contains(resource.OriginRegionCode)))
        {
            return (null, ResourceErrors.NotForProcurement, null);
        }
        var row = new ResourceProcurement
        {
            ResourceId = resource.Id, RegionCode = scope.Value.Region, SchoolCode = scope.Value.School, FundSource = r.FundSource!,
            Amount = decimal.Round(r.Amount.Value, 2), ValidFrom = from, ValidTo = to, RecordedBy = caller.Actor, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        audit.Record(caller.Actor, "resource.procure", "resource", resource.ResourceId, "recorded", r.FundSource, caller.RegionCode);
        await db.SaveChangesAsync(ct);
        return (View(row, resource.ResourceId), null, null);
    }

    public async Task<List<ProcurementView>> ListAsync(Caller caller, CatalogResource resource, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = await db.Set<ResourceProcurement>().AsNoTracking().Where(p => p.ResourceId == resource.Id
            && string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0).OrderBy(p => p.Id).ToListAsync(ct);
#pragma warning restore CA1309
        return [.. rows.Where(p => caller.SchoolCode is null || p.SchoolCode == caller.SchoolCode).Select(p => View(p, resource.ResourceId))];
    }

    public async Task<(SelectionView? View, ErrorDefinition? Error)> SelectAsync(Caller caller, string resourceId, SelectionRequest r, CancellationToken ct)
    {
        if (await ScopeAsync(caller, r.RegionCode, r.SchoolCode, ct) is not { } scope)
        {
            return (null, ResourceErrors.SelectionInvalid);
        }
        var resource = await catalog.FindAsync(caller, resourceId, "resource.select", ct);
        if (resource is null)
        {
            return (null, GeneralErrors.NotFound);
        }
        if (resource.Status != ResourceStatus.Approved)
        {
            return (null, ResourceErrors.NotApproved);
        }
        var existing = await db.Set<ResourceSelection>().FirstOrDefaultAsync(s => s.ResourceId == resource.Id && s.RegionCode == scope.Region
            && s.SchoolCode == scope.School && s.WithdrawnAt == null, ct);
        if (existing is null)
        {
            existing = new ResourceSelection
            {
                ResourceId = resource.Id, RegionCode = scope.Region, SchoolCode = scope.School, SelectedBy = caller.Actor, SelectedAt = clock.GetUtcNow(),
            };
            db.Add(existing);
            audit.Record(caller.Actor, "resource.select", "resource", resource.ResourceId, "selected", scope.School ?? scope.Region, caller.RegionCode);
            await db.SaveChangesAsync(ct);
        }
        return (new SelectionView(existing.Id, resource.ResourceId, resource.Title, existing.RegionCode, existing.SchoolCode, existing.SelectedBy,
            existing.SelectedAt), null);
    }

    /// <summary>A school's effective selections: its own, and every region's above it (never a sibling's).</summary>
    public async Task<SchoolSelectionsView?> ForSchoolAsync(Caller caller, string schoolCode, CancellationToken ct)
    {
        var school = await db.Set<Organization>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == schoolCode && o.Kind == OrganizationKind.School, ct);
        if (school is null || !caller.Scope.Contains(school.RegionCode) || (caller.SchoolCode is { } own && own != schoolCode))
        {
            return null;
        }
        var covering = AppSelections.CoveringRegions(school.RegionCode, regions).Append("000000").ToArray();
        var rows = await db.Set<ResourceSelection>().AsNoTracking()
            .Where(s => s.WithdrawnAt == null && ((s.SchoolCode == null && covering.Contains(s.RegionCode)) || s.SchoolCode == schoolCode))
            .Join(db.Set<CatalogResource>().Where(r => r.Status == ResourceStatus.Approved), s => s.ResourceId, r => r.Id, (s, r) => new { s, r })
            .OrderByDescending(x => x.s.SelectedAt).ToListAsync(ct);
        var resources = rows.Select(x => new SelectionView(x.s.Id, x.r.ResourceId, x.r.Title, x.s.RegionCode, x.s.SchoolCode, x.s.SelectedBy, x.s.SelectedAt));
        var selectedApps = await apps.SelectedInAsync(school.RegionCode, ct);
        return new SchoolSelectionsView(schoolCode, [.. resources], [.. selectedApps.Select(a => new SelectedAppView(a.App.AppId, a.App.Name, a.SelectedBy.RegionCode))]);
    }

    /// <summary>(region, school) of a request inside the caller's jurisdiction; a school account acts for its own school only.</summary>
    private async Task<(string Region, string? School)?> ScopeAsync(Caller caller, string? regionCode, string? schoolCode, CancellationToken ct)
    {
        if (schoolCode is not null)
        {
            var region = await db.Set<Organization>().AsNoTracking().Where(o => o.Code == schoolCode && o.Kind == OrganizationKind.School
                && o.Status == OrganizationStatus.Active).Select(o => o.RegionCode).FirstOrDefaultAsync(ct);
            return region is not null && regionCode is null && caller.Scope.Contains(region) && (caller.SchoolCode is null || caller.SchoolCode == schoolCode)
                ? (region, schoolCode) : null;
        }
        var code = regionCode ?? caller.RegionCode ?? "000000";
        return caller.SchoolCode is null && (code == "000000" ? caller.Scope.IsNational : regions.IsCurrent(code) && caller.Scope.Contains(code))
            ? (code, null) : null;
    }

    private static ProcurementView View(ResourceProcurement p, string resourceId) =>
        new(p.Id, resourceId, p.RegionCode, p.SchoolCode, p.FundSource, p.Amount, p.ValidFrom, p.ValidTo, p.RecordedBy, p.RecordedAt);
}
