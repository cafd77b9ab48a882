using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Pilot;

/// <summary>
/// Checks a pilot school list against the registry: each code must be a registered, active school inside the pilot
/// region's subtree, listed once. A code that merely looks right (forged) is unknown here, because only registered
/// schools count. Coverage = the listed primary and secondary schools ÷ all active ones of the region.
/// </summary>
public sealed class PilotSchoolCheck(HubDbContext db, OrganizationDirectory directory, RegionCatalog regions)
{
    public const int MaxSchools = 10_000;

    public async Task<Dictionary<string, Organization>> LoadAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var distinct = codes.Where(c => c.Length == 10).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, Organization>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(5000))
        {
            foreach (var o in await db.Set<Organization>().AsNoTracking()
                .Where(o => chunk.Contains(o.Code) && o.Kind == OrganizationKind.School).ToListAsync(ct))
            {
                found[o.Code] = o;
            }
        }
        return found;
    }

    /// <summary>Adds an error per bad entry (path + "[i]") and returns the valid codes and the coverage numbers.</summary>
    public async Task<(List<string> Valid, int Pilot, int All)> CheckAsync(string? regionCode, string[]? schools,
        IReadOnlyDictionary<string, Organization> registry, string path, List<FieldError> errors, CancellationToken ct)
    {
        var valid = new List<string>();
        if (schools is not { Length: > 0 and <= MaxSchools })
        {
            errors.Add(new FieldError(path, PilotErrors.SchoolListInvalid));
            return (valid, 0, 0);
        }
        var scope = regionCode is null ? null : RegionScope.Of(regionCode);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < schools.Length; i++)
        {
            var code = schools[i]?.Trim() ?? "";
            var field = $"{path}[{i}]";
            if (SchoolCode.Check(code, regions) is not null || !registry.TryGetValue(code, out var school))
            {
                errors.Add(new FieldError(field, PilotErrors.SchoolUnknown));
            }
            else if (!seen.Add(code))
            {
                errors.Add(new FieldError(field, PilotErrors.SchoolDuplicate));
            }
            else if (scope is not null && !scope.Contains(school.RegionCode))
            {
                errors.Add(new FieldError(field, PilotErrors.SchoolOutsideRegion));
            }
            else if (school.Status != OrganizationStatus.Active)
            {
                errors.Add(new FieldError(field, PilotErrors.SchoolClosed));
            }
            else if (scope is not null)
            {
                valid.Add(code);
            }
        }
        if (regionCode is null)
        {
            return (valid, 0, 0);
        }
        var pilot = valid.Count(c => registry[c].IsPrimaryOrSecondary);
        var all = await directory.CountPrimaryAndSecondaryAsync(regionCode, ct);
        return (valid, pilot, all);
    }
}
