using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Messages;

/// <summary>
/// What announcements are matched against, computed when a person opens their inbox: the prefixes of their region,
/// their roles, the schools and classes of their current affiliations, and, for a parent, the schools and classes of
/// their linked students (which reach the parent only when an announcement is for parents or for everyone).
/// </summary>
public sealed record Audience(string[] RegionPrefixes, short[] Roles, string[] OwnSchools, string[] OwnClasses,
    string[] ChildSchools, string[] ChildClasses)
{
    public static string ClassKey(string school, string classCode) => school + "/" + classCode;
}

public sealed class AudienceResolver(HubDbContext db, TimeProvider clock)
{
    public async Task<Audience> ForAsync(SpacePerson person, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var own = await Current(db.Set<PersonAffiliation>().Where(a => a.PersonId == person.Id), today)
            .Select(a => new Membership(a.OrganizationCode, a.ClassCode)).ToListAsync(ct);
        var regions = new List<string> { person.RegionCode };
        var children = new List<Membership>();
        if (person.Has(PersonRole.Parent))
        {
            var students = db.Set<GuardianLink>().Where(g => g.ParentId == person.Id).Select(g => g.StudentId);
            children = await Current(db.Set<PersonAffiliation>().Where(a => students.Contains(a.PersonId) && a.Role == PersonRole.Student), today)
                .Select(a => new Membership(a.OrganizationCode, a.ClassCode)).ToListAsync(ct);
            regions.AddRange(await db.Set<Person>().Where(p => students.Contains(p.Id)).Select(p => p.RegionCode).ToListAsync(ct));
        }
        return new Audience(
            [.. regions.SelectMany(Prefixes).Distinct()],
            person.Roles,
            [.. own.Select(a => a.School).Distinct()],
            [.. own.Where(a => a.Class != null).Select(a => Audience.ClassKey(a.School, a.Class!)).Distinct()],
            [.. children.Select(a => a.School).Distinct()],
            [.. children.Where(a => a.Class != null).Select(a => Audience.ClassKey(a.School, a.Class!)).Distinct()]);
    }

    private sealed record Membership(string School, string? Class);

    /// <summary>Affiliations in force today.</summary>
    public static IQueryable<PersonAffiliation> Current(IQueryable<PersonAffiliation> affiliations, DateOnly today) =>
        affiliations.Where(a => a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo >= today));

    /// <summary>The stored prefixes an announcement to this region or above would carry ("" national, "44", "4403", "440305").</summary>
    public static IEnumerable<string> Prefixes(string regionCode)
    {
        yield return "";
        var own = RegionScope.Of(regionCode).Prefix ?? "";
        for (var length = 2; length <= own.Length; length += 2)
        {
            yield return own[..length];
        }
    }
}
