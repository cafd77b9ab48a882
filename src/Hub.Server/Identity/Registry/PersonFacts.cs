using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Identity.Registry;

public sealed record AffiliationInput(string? OrganizationCode, int? Role, DateOnly? ValidFrom, DateOnly? ValidTo, string? ClassCode = null);

public sealed record GuardiansInput(string[]? StudentHubIds);

public sealed record VerificationInput(VerificationLevel? Level);

public sealed record StatusInput(PersonStatus? Status);

/// <summary>Never logged or echoed; stored only as a PBKDF2 hash.</summary>
public sealed record PasswordInput(string? Password)
{
    public override string ToString() => "PasswordInput { Password = *** }";
}

/// <summary>
/// Facts about a person other than keys: affiliations, guardian links, verification level and status. Each
/// change takes a new change version and is audited; all inside the caller's jurisdiction.
/// </summary>
public sealed class PersonFacts(HubDbContext db, AuditLog audit, FollowerNotices followers, TimeProvider clock)
{
    public async Task<ErrorDefinition?> SetAffiliationsAsync(Person person, IReadOnlyList<PersonAffiliation> affiliations, Caller caller, CancellationToken ct)
    {
        await db.Set<PersonAffiliation>().Where(a => a.PersonId == person.Id).ExecuteDeleteAsync(ct);
        foreach (var affiliation in affiliations)
        {
            affiliation.PersonId = person.Id;
            db.Add(affiliation);
        }
        await TouchAsync(person, caller, "person.affiliations.set", ct);
        return null;
    }

    public async Task<ErrorDefinition?> SetGuardiansAsync(Person parent, IReadOnlyList<Person> students, Caller caller, CancellationToken ct)
    {
        if (!parent.Roles.Contains((short)PersonRole.Parent))
        {
            return RegistryErrors.NotAParent;
        }
        if (students.Any(s => !s.Roles.Contains((short)PersonRole.Student) || s.Id == parent.Id))
        {
            return RegistryErrors.NotAStudent;
        }
        await db.Set<GuardianLink>().Where(g => g.ParentId == parent.Id).ExecuteDeleteAsync(ct);
        foreach (var student in students.DistinctBy(s => s.Id))
        {
            db.Add(new GuardianLink { ParentId = parent.Id, StudentId = student.Id, CreatedAt = clock.GetUtcNow() });
        }
        await TouchAsync(parent, caller, "person.guardians.set", ct);
        return null;
    }

    public async Task SetVerificationAsync(Person person, VerificationLevel level, Caller caller, CancellationToken ct)
    {
        db.Attach(person);
        person.VerificationLevel = level;
        person.VerifiedBy = caller.ClientId;
        person.VerifiedAt = clock.GetUtcNow();
        await TouchAsync(person, caller, "person.verification.set", ct);
    }

    public async Task<ErrorDefinition?> SetStatusAsync(Person person, PersonStatus status, Caller caller, CancellationToken ct)
    {
        // Merged is reached only through a merge; a closed person stays closed (hub ids are never reused).
        if (status == PersonStatus.Merged || person.Status is PersonStatus.Merged or PersonStatus.Closed)
        {
            return RegistryErrors.StatusChangeNotAllowed;
        }
        db.Attach(person);
        person.Status = status;
        await TouchAsync(person, caller, "person.status." + status.ToString().ToLowerInvariant(), ct);
        return null;
    }

    private async Task TouchAsync(Person person, Caller caller, string action, CancellationToken ct)
    {
        if (db.Entry(person).State == EntityState.Detached)
        {
            db.Attach(person);
        }
        person.UpdatedAt = clock.GetUtcNow();
        person.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.ClientId, action, "person", person.HubId, "ok", regionCode: caller.Scope.Prefix);
        await followers.NotifyRegionsAsync([person.RegionCode], ["people"], person.ChangeVersion, ct);
        await db.SaveChangesAsync(ct);
    }
}
