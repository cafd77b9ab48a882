using System.Text.RegularExpressions;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog.Procurement;

/// <summary>A vendor's admission application with its evaluation (评估) results.</summary>
public sealed record VendorApplicationRequest(string? Name, string? CreditCode, string? RegionCode, string? EvaluationBody, DateOnly? EvaluatedOn,
    string? Conclusion, int? Score, string? ReportUrl);

public sealed record VendorDecisionRequest(string? Decision, string? Reasons);

public sealed record VendorView(long Id, string ClientId, string Name, string CreditCode, string RegionCode, string EvaluationBody, DateOnly EvaluatedOn,
    string Conclusion, int Score, string? ReportUrl, string Status, string? Reasons, DateTimeOffset AppliedAt, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static VendorView From(ResourceVendor v) => new(v.Id, v.ClientId, v.Name, v.CreditCode, v.RegionCode, v.EvaluationBody, v.EvaluatedOn,
        v.Conclusion, v.Score, v.ReportUrl, v.Status.ToString().ToLowerInvariant(), v.Reasons, v.AppliedAt, v.DecidedBy, v.DecidedAt);
}

/// <summary>
/// Vendor admission (评估准入): a vendor applies for a region (or nationally) with the evaluation an evaluation body made;
/// a reviewer of that region (resources:review, inside the jurisdiction, audited) admits or rejects it.
/// </summary>
public sealed partial class ResourceVendors(HubDbContext db, RegionCatalog regions, AuditLog audit, TimeProvider clock)
{
    public async Task<(VendorView? View, List<FieldError> Errors)> ApplyAsync(Caller vendor, VendorApplicationRequest r, CancellationToken ct)
    {
        var region = r.RegionCode ?? "000000";
        var ok = r.Name is { Length: >= 1 and <= 100 } && r.CreditCode is { } code && CreditCode().IsMatch(code)
            && (region == "000000" || regions.IsCurrent(region)) && r.EvaluationBody is { Length: >= 1 and <= 100 } && r.EvaluatedOn is { } on
            && on <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) && r.Conclusion is { Length: >= 1 and <= 1000 } && r.Score is >= 0 and <= 100
            && (r.ReportUrl is null || (r.ReportUrl.Length <= 2000 && r.ReportUrl.StartsWith("https://", StringComparison.Ordinal)));
        if (!ok || vendor.Kind != Oidc.ClientKind.Vendor)
        {
            return (null, [new FieldError(r.Name is null ? "name" : "evaluation", ResourceErrors.VendorApplicationInvalid)]);
        }
        var row = new ResourceVendor
        {
            ClientId = vendor.ClientId, Name = r.Name!.Trim(), CreditCode = r.CreditCode!, RegionCode = region, EvaluationBody = r.EvaluationBody!.Trim(),
            EvaluatedOn = r.EvaluatedOn!.Value, Conclusion = r.Conclusion!.Trim(), Score = r.Score!.Value, ReportUrl = r.ReportUrl, AppliedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        audit.Record(vendor.Actor, "resource.vendor.apply", "resource_vendor", null, "applied", regionCode: region);
        await db.SaveChangesAsync(ct);
        return (VendorView.From(row), []);
    }

    /// <summary>Applications of the reviewer's subtree ("000000" national only for national reviewers).</summary>
    public async Task<List<VendorView>> ListAsync(Caller reviewer, CancellationToken ct)
    {
        var (lower, upper) = (reviewer.Scope.Lower, reviewer.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = await db.Set<ResourceVendor>().AsNoTracking()
            .Where(v => string.Compare(v.RegionCode, lower) >= 0 && string.Compare(v.RegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderByDescending(v => v.Id).Take(500).ToListAsync(ct);
        return [.. rows.Select(VendorView.From)];
    }

    public async Task<(VendorView? View, ErrorDefinition? Error)> DecideAsync(Caller reviewer, long id, VendorDecisionRequest r, CancellationToken ct)
    {
        var admit = r.Decision == "admit";
        if ((!admit && r.Decision != "reject") || (r.Reasons?.Length ?? 0) > 1000 || (!admit && string.IsNullOrWhiteSpace(r.Reasons)))
        {
            return (null, ResourceErrors.DecisionInvalid);
        }
        var row = await db.Set<ResourceVendor>().FromSql($"SELECT * FROM resource_vendors WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (row is null || !(reviewer.Scope.IsNational || reviewer.Scope.Contains(row.RegionCode)))
        {
            if (row is not null)
            {
                audit.Record(reviewer.Actor, "resource.vendor.decide", "resource_vendor", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "denied: outside jurisdiction", regionCode: reviewer.RegionCode);
                await db.SaveChangesAsync(ct);
            }
            return (null, GeneralErrors.NotFound);
        }
        if (row.Status != VendorStatus.Applied)
        {
            return (null, ResourceErrors.VendorDecided);
        }
        (row.Status, row.Reasons, row.DecidedBy, row.DecidedAt) = (admit ? VendorStatus.Admitted : VendorStatus.Rejected, r.Reasons?.Trim(), reviewer.Actor, clock.GetUtcNow());
        audit.Record(reviewer.Actor, "resource.vendor." + r.Decision, "resource_vendor", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            row.Status.ToString().ToLowerInvariant(), row.Reasons, reviewer.RegionCode);
        await db.SaveChangesAsync(ct);
        return (VendorView.From(row), null);
    }

    /// <summary>The regions a vendor client is admitted in ("000000" national).</summary>
    public async Task<HashSet<string>> AdmittedRegionsAsync(string clientId, CancellationToken ct) =>
        [.. await db.Set<ResourceVendor>().AsNoTracking().Where(v => v.ClientId == clientId && v.Status == VendorStatus.Admitted)
            .Select(v => v.RegionCode).ToListAsync(ct)];

    /// <summary>统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z.</summary>
    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex CreditCode();
}
