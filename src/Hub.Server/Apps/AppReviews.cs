using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Apps;

/// <summary>A reviewer's side: applications to regions inside the reviewer's subtree, approved or rejected after testing.</summary>
public sealed class AppReviews(HubDbContext db, AuditLog audit, AppClients appClients, TimeProvider clock)
{
    /// <summary>Keyset page over (region, id) inside <paramref name="scope"/>, optionally narrowed to one status.</summary>
    public async Task<(List<(AppSelection Selection, VendorApp App)> Items, string? Next)> ListAsync(
        Regions.RegionScope scope, AppSelectionStatus? status, string? after, int limit, CancellationToken ct)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings; no culture is involved
        var query = db.Set<AppSelection>().AsNoTracking()
            .Where(s => string.Compare(s.RegionCode, lower) >= 0 && string.Compare(s.RegionCode, upper) < 0);
        if (status is { } st)
        {
            query = query.Where(s => s.Status == st);
        }
        if (RegionCursor.Decode(after) is { } cursor)
        {
            query = query.Where(s => string.Compare(s.RegionCode, cursor.Region) > 0 || (s.RegionCode == cursor.Region && s.Id > cursor.Id));
        }
#pragma warning restore CA1309
        var rows = await query.OrderBy(s => s.RegionCode).ThenBy(s => s.Id).Take(limit + 1)
            .Join(db.Set<VendorApp>(), s => s.VendorAppId, a => a.Id, (s, a) => new { s, a })
            .OrderBy(x => x.s.RegionCode).ThenBy(x => x.s.Id).ToListAsync(ct);
        var items = rows.Select(x => (x.s, x.a)).ToList();
        var next = RegionCursor.TrimPage(items, limit, x => (x.s.RegionCode, x.s.Id));
        return (items, next);
    }

    /// <summary>
    /// The application and its app if the application's region is inside the reviewer's subtree. One outside it is
    /// reported as absent (existence does not leak) and the attempt is audited.
    /// </summary>
    public async Task<(AppSelection Selection, VendorApp App)?> FindAsync(long id, Caller reviewer, string action, CancellationToken ct)
    {
        var row = await db.Set<AppSelection>().Where(s => s.Id == id)
            .Join(db.Set<VendorApp>(), s => s.VendorAppId, a => a.Id, (s, a) => new { s, a }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        if (!reviewer.Scope.Contains(row.s.RegionCode))
        {
            audit.Record(reviewer.Actor, action, "app_selection", AppApplications.Id(row.s), "denied: outside jurisdiction",
                regionCode: reviewer.RegionCode);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return (row.s, row.a);
    }

    /// <summary>
    /// Approves or rejects application <paramref name="id"/>: the API and the console both come here. The first
    /// approval anywhere creates the app's OIDC client. Outside the reviewer's subtree the application is not found
    /// (checked before the input, so a validation error never confirms that it exists).
    /// </summary>
    public async Task<DecisionOutcome> DecideAsync(long id, bool approve, DecisionRequest request, Caller reviewer, CancellationToken ct)
    {
        var found = await FindAsync(id, reviewer, approve ? "app.approve" : "app.reject", ct);
        if (found is not { } row)
        {
            return new DecisionOutcome(GeneralErrors.NotFound, [], null, null);
        }
        var (selection, app) = row;
        var errors = new List<FieldError>();
        var testNotes = AppValidator.Text(request.TestNotes, AppValidator.MaxTestNotes, "testNotes", AppErrors.NotesInvalid, errors);
        var reasons = approve ? request.Reasons?.Trim() : Reasons(request, errors);
        if (errors.Count > 0)
        {
            return new DecisionOutcome(GeneralErrors.ValidationFailed, errors, selection, app);
        }
        var error = await DecideAsync(selection, app, approve ? AppSelectionStatus.Approved : AppSelectionStatus.Rejected,
            testNotes, approve ? null : reasons, reviewer, ct);
        return new DecisionOutcome(error, [], selection, app);
    }

    /// <summary>
    /// A region admin ends an approved selection (e.g. the app failed later checks): approved → withdrawn, reasons
    /// required. Sign-ins and refreshes of people of the region stop at once (unless a region above still selects it).
    /// </summary>
    public async Task<DecisionOutcome> RevokeAsync(long id, DecisionRequest request, Caller reviewer, CancellationToken ct)
    {
        if (await FindAsync(id, reviewer, "app.revoke", ct) is not var (selection, app))
        {
            return new DecisionOutcome(GeneralErrors.NotFound, [], null, null);
        }
        var errors = new List<FieldError>();
        var reasons = Reasons(request, errors);
        if (errors.Count > 0)
        {
            return new DecisionOutcome(GeneralErrors.ValidationFailed, errors, selection, app);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await appClients.LockAsync(app, ct);
        await db.Entry(selection).ReloadAsync(ct);
        if (selection.Status != AppSelectionStatus.Approved)
        {
            return new DecisionOutcome(AppErrors.NotOpen, [], selection, app);
        }
        selection.Status = AppSelectionStatus.Withdrawn;
        selection.Reasons = reasons;
        selection.WithdrawnBy = reviewer.Actor;
        selection.WithdrawnAt = clock.GetUtcNow();
        audit.Record(reviewer.Actor, "app.revoke", "app_selection", AppApplications.Id(selection), "withdrawn", regionCode: selection.RegionCode);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DecisionOutcome(null, [], selection, app);
    }

    /// <summary>Reasons for a refusal or a revocation: required, at most <see cref="AppValidator.MaxReasons"/> characters.</summary>
    private static string? Reasons(DecisionRequest request, List<FieldError> errors)
    {
        var reasons = request.Reasons?.Trim();
        if (string.IsNullOrEmpty(reasons) || reasons.Length > AppValidator.MaxReasons
            || reasons.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(new FieldError("reasons", AppErrors.ReasonsRequired));
            return null;
        }
        return reasons;
    }

    private async Task<ErrorDefinition?> DecideAsync(AppSelection selection, VendorApp app, AppSelectionStatus decision,
        string? testNotes, string? reasons, Caller reviewer, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await appClients.LockAsync(app, ct);
        await db.Entry(selection).ReloadAsync(ct);
        if (selection.Status != AppSelectionStatus.Applied)
        {
            return AppErrors.NotOpen;
        }
        selection.Status = decision;
        selection.TestNotes = testNotes;
        selection.Reasons = reasons;
        selection.DecidedBy = reviewer.Actor;
        selection.DecidedAt = clock.GetUtcNow();
        var approved = decision == AppSelectionStatus.Approved;
        audit.Record(reviewer.Actor, approved ? "app.approve" : "app.reject", "app_selection", AppApplications.Id(selection),
            approved ? "approved" : "rejected", regionCode: selection.RegionCode);
        if (approved)
        {
            await appClients.EnsureClientAsync(app, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppErrors.NotOpen; // decided by someone else in between
        }
        await tx.CommitAsync(ct);
        return null;
    }
}

/// <summary>What a decision came to: <see cref="Error"/> is null on success; <see cref="Errors"/> names bad fields.</summary>
public sealed record DecisionOutcome(ErrorDefinition? Error, IReadOnlyList<FieldError> Errors, AppSelection? Selection, VendorApp? App);
