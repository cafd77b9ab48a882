using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Apps;

/// <summary>The vendor's side of selection: apply for a region, see its applications, withdraw one.</summary>
public sealed class AppApplications(HubDbContext db, AuditLog audit, AppClients appClients, RegionCatalog regions, TimeProvider clock)
{
    public async Task<(AppSelection? Created, List<FieldError> Errors, ErrorDefinition? Conflict)> ApplyAsync(
        VendorApp app, ApplyRequest request, Caller vendor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var region = request.RegionCode?.Trim();
        if (!regions.IsCurrent(region))
        {
            errors.Add(new FieldError("regionCode", AppErrors.RegionInvalid));
        }
        var note = AppValidator.Text(request.Note, AppValidator.MaxNote, "note", AppErrors.NotesInvalid, errors);
        if (errors.Count > 0)
        {
            return (null, errors, null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await appClients.LockAsync(app, ct);
        var open = db.Set<AppSelection>().Where(s => s.VendorAppId == app.Id);
        if (await open.AnyAsync(s => s.RegionCode == region
                && (s.Status == AppSelectionStatus.Applied || s.Status == AppSelectionStatus.Approved), ct))
        {
            return (null, errors, AppErrors.AlreadyApplied);
        }
        var above = regions.Ancestors(region).Select(r => r.Code).ToList();
        if (await open.AnyAsync(s => s.Status == AppSelectionStatus.Approved && above.Contains(s.RegionCode), ct))
        {
            return (null, errors, AppErrors.CoveredByAncestor);
        }
        var selection = new AppSelection
        {
            VendorAppId = app.Id, RegionCode = region!, Status = AppSelectionStatus.Applied, Note = note,
            AppliedBy = vendor.Actor, AppliedAt = clock.GetUtcNow(),
        };
        db.Add(selection);
        audit.Record(vendor.Actor, "app.apply", "app", app.AppId, "applied", regionCode: region);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (selection, errors, null);
    }

    public Task<List<AppSelection>> ListAsync(VendorApp app, CancellationToken ct) =>
        db.Set<AppSelection>().AsNoTracking().Where(s => s.VendorAppId == app.Id).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>
    /// The vendor takes back a pending application or ends an approved selection (sign-ins from that region stop).
    /// An application of another app is reported as not found.
    /// </summary>
    public async Task<(AppSelection? Withdrawn, ErrorDefinition? Error)> WithdrawAsync(VendorApp app, long id, Caller vendor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await appClients.LockAsync(app, ct);
        var selection = await db.Set<AppSelection>().FirstOrDefaultAsync(s => s.Id == id && s.VendorAppId == app.Id, ct);
        if (selection is null)
        {
            return (null, GeneralErrors.NotFound);
        }
        if (selection.Status is not (AppSelectionStatus.Applied or AppSelectionStatus.Approved))
        {
            return (null, AppErrors.NotOpen);
        }
        selection.Status = AppSelectionStatus.Withdrawn;
        selection.WithdrawnBy = vendor.Actor;
        selection.WithdrawnAt = clock.GetUtcNow();
        audit.Record(vendor.Actor, "app.withdraw", "app_selection", Id(selection), "withdrawn", regionCode: selection.RegionCode);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (selection, null);
    }

    internal static string Id(AppSelection selection) => selection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
