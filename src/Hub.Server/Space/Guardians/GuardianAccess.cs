using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Space.Messages;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Guardians;

/// <summary>A student linked to a parent, and whether the parent may open the student's space now.</summary>
public sealed record GuardedStudent(string HubId, string Name, bool Allowed);

/// <summary>
/// The guardian rule: a parent reads a linked student's space (files, and messages addressed to the student) only while
/// a school the student currently attends allows it (<see cref="Organization.GuardianSpaceAccess"/>). Every opening,
/// allowed or refused, is audited under the student; a refusal looks like a missing student.
/// </summary>
public sealed class GuardianAccess(HubDbContext db, SpacePeople people, AuditLog audit, TimeProvider clock)
{
    public async Task<List<GuardedStudent>> StudentsAsync(SpacePerson parent, CancellationToken ct)
    {
        var students = await db.Set<GuardianLink>().Where(g => g.ParentId == parent.Id)
            .Join(db.Set<Person>().Where(p => p.Status == PersonStatus.Active), g => g.StudentId, p => p.Id, (_, p) => new { p.Id, p.HubId, p.Name })
            .OrderBy(p => p.Name).ToListAsync(ct);
        var allowed = await AllowedAsync(students.Select(s => s.Id).ToList(), ct);
        return [.. students.Select(s => new GuardedStudent(s.HubId, s.Name, allowed.Contains(s.Id)))];
    }

    /// <summary>The student's space for this parent, or null (not linked, not active, or no school allows it).</summary>
    public async Task<SpacePerson?> OpenAsync(SpacePerson parent, string studentHubId, string purpose, CancellationToken ct)
    {
        var student = await people.FindByHubIdAsync(studentHubId, ct);
        var linked = student is not null && await db.Set<GuardianLink>().AnyAsync(g => g.ParentId == parent.Id && g.StudentId == student.Id, ct);
        var allowed = linked && (await AllowedAsync([student!.Id], ct)).Count > 0;
        audit.Record(parent.Actor, "space.guardian.read", "person", studentHubId.Length <= 20 ? studentHubId : studentHubId[..20],
            allowed ? "ok" : linked ? "denied: school setting" : "denied: not linked", purpose: purpose);
        await db.SaveChangesAsync(ct);
        return allowed ? student : null;
    }

    private async Task<HashSet<long>> AllowedAsync(List<long> studentIds, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var allowing = db.Set<Organization>().Where(o => o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active && o.GuardianSpaceAccess)
            .Select(o => o.Code);
        return [.. await AudienceResolver.Current(db.Set<PersonAffiliation>(), today)
            .Where(a => studentIds.Contains(a.PersonId) && a.Role == PersonRole.Student && allowing.Contains(a.OrganizationCode))
            .Select(a => a.PersonId).Distinct().ToListAsync(ct)];
    }
}
