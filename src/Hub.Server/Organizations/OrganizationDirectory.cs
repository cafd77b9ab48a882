using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Sync;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Organizations;

/// <summary>Reads and writes of the organization registry, always inside the caller's jurisdiction.</summary>
public sealed class OrganizationDirectory(HubDbContext db, AuditLog audit, RegionCatalog regions, FollowerNotices followers, TimeProvider clock)
{
    public IQueryable<Organization> InScope(RegionScope scope)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings; no culture is involved
        return db.Set<Organization>().Where(o => string.Compare(o.RegionCode, lower) >= 0 && string.Compare(o.RegionCode, upper) < 0);
#pragma warning restore CA1309
    }

    /// <summary>
    /// The organization if it is inside the caller's jurisdiction. One that exists outside it is reported as absent
    /// (existence does not leak) and the attempt is audited.
    /// </summary>
    public async Task<Organization?> FindAsync(string code, Caller caller, string action, CancellationToken ct)
    {
        var organization = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Code == code, ct);
        if (organization is not null && !caller.Scope.Contains(organization.RegionCode))
        {
            audit.Record(caller.Actor, action, "organization", code, "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return organization;
    }

    public async Task<(Organization? Created, ErrorDefinition? Error)> AddSchoolAsync(ValidSchool school, Caller caller, CancellationToken ct)
    {
        if (await db.Set<Organization>().AnyAsync(o => o.Code == school.Code, ct))
        {
            return (null, OrganizationErrors.CodeTaken);
        }
        var now = clock.GetUtcNow();
        var organization = new Organization
        {
            Code = school.Code, Kind = OrganizationKind.School, Name = school.Name, RegionCode = school.RegionCode,
            Level = JurisdictionLevel.School, CreatedBy = caller.Actor, CreatedAt = now, UpdatedAt = now,
        };
        Apply(organization, school);
        db.Add(organization);
        audit.Record(caller.Actor, "organization.create", "organization", school.Code, "created", regionCode: school.RegionCode);
        return await SaveAsync(organization, ct);
    }

    public async Task<(Organization? Updated, ErrorDefinition? Error)> UpdateSchoolAsync(
        Organization organization, ValidSchool school, long? expectedVersion, Caller caller, CancellationToken ct)
    {
        if (expectedVersion is { } expected && expected != organization.ChangeVersion)
        {
            return (null, OrganizationErrors.StaleVersion);
        }
        Apply(organization, school);
        organization.UpdatedAt = clock.GetUtcNow();
        organization.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.Actor, "organization.update", "organization", organization.Code, "updated", regionCode: school.RegionCode);
        return await SaveAsync(organization, ct);
    }

    public async Task<(Organization? Created, ErrorDefinition? Error)> AddBureauAsync(string regionCode, string name, Caller caller, CancellationToken ct)
    {
        var code = "EB" + regionCode;
        if (await db.Set<Organization>().AnyAsync(o => o.Code == code, ct))
        {
            return (null, OrganizationErrors.CodeTaken);
        }
        var now = clock.GetUtcNow();
        var level = regions.LevelOf(regionCode);
        var organization = new Organization
        {
            Code = code, Kind = OrganizationKind.Bureau, Name = name, RegionCode = regionCode, Level = level,
            CreatedBy = caller.Actor, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(organization);
        audit.Record(caller.Actor, "organization.create", "organization", code, "created", regionCode: regionCode);
        return await SaveAsync(organization, ct);
    }

    /// <summary>Turns the school's "parents may view their students' spaces" setting on or off (audited, new change version).</summary>
    public async Task<(Organization? Updated, ErrorDefinition? Error)> SetGuardianSpaceAccessAsync(Organization school, bool allowed, Caller caller, CancellationToken ct)
    {
        school.GuardianSpaceAccess = allowed;
        school.UpdatedAt = clock.GetUtcNow();
        school.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.Actor, "organization.space-settings", "organization", school.Code, allowed ? "guardians: on" : "guardians: off",
            regionCode: school.RegionCode);
        return await SaveAsync(school, ct);
    }

    /// <summary>
    /// Creates or updates every school of an uploaded list in one transaction: all rows apply or none does. A code
    /// registered outside the caller's jurisdiction is reported as taken, like a duplicate inside the file.
    /// </summary>
    public async Task<(int Created, int Updated, List<FieldError> Errors)> ImportAsync(IReadOnlyList<ValidSchool> schools, Caller caller, CancellationToken ct)
    {
        var codes = schools.Select(s => s.Code).ToList();
        var existing = await db.Set<Organization>().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < schools.Count; i++)
        {
            if (!seen.Add(schools[i].Code) || (existing.TryGetValue(schools[i].Code, out var o) && (o.Kind != OrganizationKind.School || !caller.Scope.Contains(o.RegionCode))))
            {
                errors.Add(new FieldError($"rows[{i}].code", OrganizationErrors.CodeTaken));
            }
        }
        if (errors.Count > 0)
        {
            return (0, 0, errors);
        }
        var now = clock.GetUtcNow();
        var fromVersion = await db.CurrentChangeVersionAsync(ct) + 1;
        foreach (var school in schools)
        {
            if (existing.TryGetValue(school.Code, out var organization))
            {
                Apply(organization, school);
                organization.UpdatedAt = now;
                organization.ChangeVersion = await db.NextChangeVersionAsync(ct);
                continue;
            }
            organization = new Organization
            {
                Code = school.Code, Kind = OrganizationKind.School, Name = school.Name, RegionCode = school.RegionCode,
                Level = JurisdictionLevel.School, CreatedBy = caller.Actor, CreatedAt = now, UpdatedAt = now,
            };
            Apply(organization, school);
            db.Add(organization);
        }
        audit.Record(caller.Actor, "organization.import", "organization", null, "imported",
            purpose: $"created {schools.Count - existing.Count}, updated {existing.Count}", regionCode: caller.RegionCode);
        await followers.NotifyRegionsAsync([.. schools.Select(s => s.RegionCode).Distinct(StringComparer.Ordinal)], ["organizations"], fromVersion, ct);
        var error = await SaveAsync(ct);
        return error is null ? (schools.Count - existing.Count, existing.Count, errors) : (0, 0, [new FieldError("rows", error)]);
    }

    /// <summary>Keyset page over (region, id) inside <paramref name="scope"/>, optionally narrowed to a kind and a school type.</summary>
    public async Task<(List<Organization> Items, string? Next)> ListAsync(
        RegionScope scope, OrganizationKind? kind, SchoolType? type, string? after, int limit, CancellationToken ct)
    {
        var query = InScope(scope).AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(o => o.Kind == k);
        }
        if (type is { } t)
        {
            query = query.Where(o => o.SchoolType == t);
        }
        if (RegionCursor.Decode(after) is { } cursor)
        {
#pragma warning disable CA1309 // as in InScope
            query = query.Where(o => string.Compare(o.RegionCode, cursor.Region) > 0 || (o.RegionCode == cursor.Region && o.Id > cursor.Id));
#pragma warning restore CA1309
        }
        var items = await query.OrderBy(o => o.RegionCode).ThenBy(o => o.Id).Take(limit + 1).ToListAsync(ct);
        var next = RegionCursor.TrimPage(items, limit, o => (o.RegionCode, o.Id));
        return (items, next);
    }

    /// <summary>Active primary and secondary schools (中小学) in a region's subtree: the base of the notice's 85 % rule.</summary>
    public Task<int> CountPrimaryAndSecondaryAsync(string regionCode, CancellationToken ct) =>
        InScope(RegionScope.Of(regionCode)).CountAsync(o => o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active
            && (o.Code.StartsWith("21") || o.Code.StartsWith("31") || o.Code.StartsWith("34") || o.Code.StartsWith("36")), ct);

    internal static void Apply(Organization o, ValidSchool school)
    {
        o.Name = school.Name;
        o.RegionCode = school.RegionCode;
        o.SchoolType = school.SchoolType;
        o.BandwidthMbps = school.BandwidthMbps;
        o.ClassCount = school.ClassCount;
        o.MultimediaClassCount = school.MultimediaClassCount;
        o.MobileTerminalClassCount = school.MobileTerminalClassCount;
        o.TeacherCount = school.TeacherCount;
        o.StudentCount = school.StudentCount;
    }

    private async Task<(Organization?, ErrorDefinition?)> SaveAsync(Organization organization, CancellationToken ct)
    {
        // A new organization takes its change version from the sequence's default when it is inserted: above the current one.
        var fromVersion = organization.ChangeVersion > 0 ? organization.ChangeVersion : await db.CurrentChangeVersionAsync(ct) + 1;
        await followers.NotifyRegionsAsync([organization.RegionCode], ["organizations"], fromVersion, ct);
        return await SaveAsync(ct) is { } error ? (null, error) : (organization, null);
    }

    private async Task<ErrorDefinition?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return OrganizationErrors.StaleVersion;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent registration of the same code won the race.
            return OrganizationErrors.CodeTaken;
        }
    }
}
