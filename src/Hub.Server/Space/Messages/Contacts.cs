using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Messages;

/// <summary>
/// Who a person may write to (家校互动): a parent writes to the teachers and staff of their linked students' schools;
/// teachers and staff write to the parents of their students, their colleagues and their students; a student writes
/// to the teachers and staff of their school. Anyone may answer a person who wrote to them. Only affiliations in force
/// count, so a teacher who left a school is no longer reachable through it.
/// </summary>
public sealed class Contacts(HubDbContext db, TimeProvider clock)
{
    private static readonly PersonRole[] Staff = [PersonRole.Teacher, PersonRole.SchoolStaff];

    public async Task<List<ContactView>> ForAsync(SpacePerson me, string? school, long? only, int limit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var current = AudienceResolver.Current(db.Set<PersonAffiliation>(), today);
        if (school is not null)
        {
            current = current.Where(a => a.OrganizationCode == school);
        }
        var found = new List<ContactView>();
        async Task AddAsync(IQueryable<Source> sources, string relation)
        {
            var query = sources.Where(a => a.PersonId != me.Id);
            if (only is { } id)
            {
                query = query.Where(a => a.PersonId == id);
            }
            found.AddRange(await query
                .Join(db.Set<Person>().Where(p => p.Status == PersonStatus.Active), a => a.PersonId, p => p.Id, (a, p) => new { a.School, a.Class, p.HubId, p.Name })
                .OrderBy(c => c.Name).ThenBy(c => c.HubId).Take(limit)
                .Select(c => new ContactView(c.HubId, c.Name, relation, c.School, c.Class)).ToListAsync(ct));
        }

        var mySchools = current.Where(a => a.PersonId == me.Id).Select(a => a.OrganizationCode);
        var myStaffSchools = current.Where(a => a.PersonId == me.Id && Staff.Contains(a.Role)).Select(a => a.OrganizationCode);
        if (me.Has(PersonRole.Parent))
        {
            var children = db.Set<GuardianLink>().Where(g => g.ParentId == me.Id).Select(g => g.StudentId);
            var childSchools = current.Where(a => children.Contains(a.PersonId) && a.Role == PersonRole.Student).Select(a => a.OrganizationCode);
            await AddAsync(Of(current.Where(a => Staff.Contains(a.Role) && childSchools.Contains(a.OrganizationCode))), "teacher-of-child");
        }
        // Teachers and staff of a school the person belongs to in any role (students reach their teachers this way).
        await AddAsync(Of(current.Where(a => Staff.Contains(a.Role) && mySchools.Contains(a.OrganizationCode))), "school-staff");
        // Teachers and staff reach their students and the students' parents.
        var students = current.Where(a => a.Role == PersonRole.Student && myStaffSchools.Contains(a.OrganizationCode));
        await AddAsync(Of(students), "student");
        await AddAsync(students.Join(db.Set<GuardianLink>(), a => a.PersonId, g => g.StudentId,
            (a, g) => new Source { PersonId = g.ParentId, School = a.OrganizationCode, Class = a.ClassCode }), "parent-of-student");
        return [.. found.DistinctBy(c => c.HubId).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.HubId, StringComparer.Ordinal).Take(limit)];
    }

    private static IQueryable<Source> Of(IQueryable<PersonAffiliation> affiliations) =>
        affiliations.Select(a => new Source { PersonId = a.PersonId, School = a.OrganizationCode, Class = a.ClassCode });

    /// <summary>A person reachable through a school (and class), before their name is looked up.</summary>
    private sealed class Source
    {
        public long PersonId { get; init; }
        public string School { get; init; } = "";
        public string? Class { get; init; }
    }

    public async Task<bool> CanWriteAsync(SpacePerson me, long recipientId, CancellationToken ct) =>
        await db.Set<DirectMessage>().AnyAsync(m => m.SenderPersonId == recipientId && m.RecipientPersonId == me.Id, ct)
        || (await ForAsync(me, null, recipientId, 1, ct)).Count > 0;
}
