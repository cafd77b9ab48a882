using System.Globalization;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>
/// Support teams and the expert pool of a region, configured by its support admins (support:manage) inside their
/// subtree: a team of another region does not exist for them. Members and experts are registered people.
/// </summary>
public sealed class SupportTeams(HubDbContext db, AuditLog audit, RegionCatalog regions, TimeProvider clock)
{
    public async Task<(SupportTeam? Team, List<FieldError> Errors)> SaveTeamAsync(SupportTeam? team, SupportTeamRequest input, Caller caller, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var region = team?.RegionCode ?? Region(input.RegionCode, caller, errors);
        var name = SupportLimits.Text(input.Name, SupportLimits.Name);
        if (name is null)
        {
            errors.Add(new FieldError("name", SupportErrors.TeamNameInvalid));
        }
        var kinds = (input.Kinds ?? []).Select(SupportCodes.Parse<SupportKind>).ToList();
        if (kinds.Count == 0 || kinds.Any(k => k is null))
        {
            errors.Add(new FieldError("kinds", SupportErrors.TeamKindsInvalid));
        }
        var days = input.OpenDays ?? [1, 2, 3, 4, 5];
        var opens = Minute(input.Opens ?? "08:00");
        var closes = Minute(input.Closes ?? "18:00");
        if (days.Length == 0 || days.Any(d => d is < 1 or > 7) || opens is null || closes is null || opens >= closes || opens == 1440)
        {
            errors.Add(new FieldError("hours", SupportErrors.TeamHoursInvalid));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var now = clock.GetUtcNow();
        if (team is null)
        {
            team = new SupportTeam { RegionCode = region!, Name = name!, CreatedAt = now };
            db.Add(team);
        }
        team.Name = name!;
        team.Kinds = [.. kinds.Select(k => k!.Value).Distinct().Order()];
        team.OpenDays = [.. days.Distinct().Order().Select(d => (short)d)];
        team.OpensMinute = (short)opens!.Value;
        team.ClosesMinute = (short)closes!.Value;
        team.Active = input.Active ?? true;
        team.UpdatedAt = now;
        team.Version++;
        audit.Record(caller.Actor, "support.team.save", "support_team", team.Id == 0 ? null : team.Id.ToString(CultureInfo.InvariantCulture), "saved " + team.Name, regionCode: team.RegionCode);
        await db.SaveChangesAsync(ct);
        return (team, errors);
    }

    public async Task<SupportTeam?> FindTeamAsync(long id, Caller caller, CancellationToken ct)
    {
        var team = await db.Set<SupportTeam>().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is not null && !caller.Scope.Contains(team.RegionCode))
        {
            audit.Record(caller.Actor, "support.team.read", "support_team", id.ToString(CultureInfo.InvariantCulture), "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return team;
    }

    public async Task<List<SupportTeam>> ListTeamsAsync(RegionScope scope, CancellationToken ct)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        return await db.Set<SupportTeam>().AsNoTracking().Include(t => t.Members)
            .Where(t => string.Compare(t.RegionCode, lower) >= 0 && string.Compare(t.RegionCode, upper) < 0)
            .OrderBy(t => t.RegionCode).ThenBy(t => t.Id).Take(1000).ToListAsync(ct);
#pragma warning restore CA1309
    }

    public async Task<FieldError?> SetMemberAsync(SupportTeam team, SupportTeamMemberRequest input, Caller caller, CancellationToken ct)
    {
        if (await PersonAsync(input.HubId, ct) is not { } person)
        {
            return new FieldError("hubId", SupportErrors.PersonUnknown);
        }
        var member = team.Members.FirstOrDefault(m => m.PersonId == person.Id);
        if (member is null)
        {
            team.Members.Add(member = new SupportTeamMember { TeamId = team.Id, PersonId = person.Id, AddedAt = clock.GetUtcNow() });
        }
        member.IsLead = input.Lead == true;
        audit.Record(caller.Actor, "support.team.member", "support_team", team.Id.ToString(CultureInfo.InvariantCulture),
            (member.IsLead ? "lead " : "member ") + person.HubId, regionCode: team.RegionCode);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> RemoveMemberAsync(SupportTeam team, string hubId, Caller caller, CancellationToken ct)
    {
        var person = await PersonAsync(hubId, ct);
        var member = person is null ? null : team.Members.FirstOrDefault(m => m.PersonId == person.Id);
        if (member is null)
        {
            return false;
        }
        team.Members.Remove(member);
        audit.Record(caller.Actor, "support.team.member", "support_team", team.Id.ToString(CultureInfo.InvariantCulture), "removed " + person!.HubId, regionCode: team.RegionCode);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<(SupportExpert? Expert, List<FieldError> Errors)> SaveExpertAsync(SupportExpertRequest input, Caller caller, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var region = Region(input.RegionCode, caller, errors);
        var person = await PersonAsync(input.HubId, ct);
        if (person is null)
        {
            errors.Add(new FieldError("hubId", SupportErrors.PersonUnknown));
        }
        var subjects = (input.Subjects ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (subjects.Length == 0 || subjects.Any(s => !SupportCodes.Subjects.ContainsKey(s)))
        {
            errors.Add(new FieldError("subjects", SupportErrors.ExpertSubjectsInvalid));
        }
        var stages = (input.Stages ?? []).Select(SupportCodes.Parse<SchoolStage>).ToList();
        if (stages.Count == 0 || stages.Any(s => s is null))
        {
            errors.Add(new FieldError("stages", SupportErrors.ExpertStagesInvalid));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var expert = await db.Set<SupportExpert>().FirstOrDefaultAsync(e => e.RegionCode == region && e.PersonId == person!.Id, ct);
        if (expert is null)
        {
            expert = new SupportExpert { RegionCode = region!, PersonId = person!.Id, CreatedAt = clock.GetUtcNow() };
            db.Add(expert);
        }
        expert.Subjects = subjects;
        expert.Stages = [.. stages.Select(s => s!.Value).Distinct().Order()];
        expert.Active = input.Active ?? true;
        audit.Record(caller.Actor, "support.expert.save", "person", person!.HubId, "saved", regionCode: region);
        await db.SaveChangesAsync(ct);
        return (expert, errors);
    }

    public async Task<List<(SupportExpert Expert, string HubId, string Name)>> ListExpertsAsync(RegionScope scope, CancellationToken ct)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = await db.Set<SupportExpert>().AsNoTracking()
            .Where(e => string.Compare(e.RegionCode, lower) >= 0 && string.Compare(e.RegionCode, upper) < 0)
            .Join(db.Set<Person>(), e => e.PersonId, p => p.Id, (e, p) => new { e, p.HubId, p.Name })
            .OrderBy(x => x.e.RegionCode).ThenBy(x => x.e.Id).Take(1000).ToListAsync(ct);
#pragma warning restore CA1309
        return [.. rows.Select(x => (x.e, x.HubId, x.Name))];
    }

    public async Task<SupportTeamView> ViewAsync(SupportTeam t, CancellationToken ct)
    {
        var ids = t.Members.Select(m => m.PersonId).ToList();
        var people = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new SupportTeamView(t.Id, t.RegionCode, t.Name, [.. t.Kinds.Select(SupportCodes.Wire)], [.. t.OpenDays.Select(d => (int)d)],
            Clock(t.OpensMinute), Clock(t.ClosesMinute), t.Active,
            [.. t.Members.OrderBy(m => m.PersonId).Select(m => new SupportTeamMemberView(people[m.PersonId].HubId, people[m.PersonId].Name, m.IsLead))], t.Version);
    }

    public static string Clock(int minute) => FormattableString.Invariant($"{minute / 60:D2}:{minute % 60:D2}");

    /// <summary>"HH:mm" as minutes of the day; "24:00" is the end of the day.</summary>
    public static int? Minute(string? text) =>
        text is { Length: 5 } && text[2] == ':' && int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && (h < 24 || (h == 24 && m == 0))
            ? h * 60 + m : null;

    private string? Region(string? code, Caller caller, List<FieldError> errors)
    {
        var region = code?.Trim();
        if (!regions.IsCurrent(region) || !caller.Scope.Contains(region))
        {
            errors.Add(new FieldError("regionCode", SupportErrors.RegionInvalid));
            return null;
        }
        return region;
    }

    private async Task<Person?> PersonAsync(string? hubId, CancellationToken ct)
    {
        var normalized = HubIds.Normalize(hubId?.Trim());
        return normalized is null ? null
            : await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.HubId == normalized && p.Status == PersonStatus.Active, ct);
    }
}
