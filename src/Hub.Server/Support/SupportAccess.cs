using Hub.Server.Api;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>The outcome of a support operation: the request, or an error (with field errors for validation).</summary>
public sealed record SupportOutcome(SupportRequest? Request, Problems.ErrorDefinition? Error = null, IReadOnlyList<Problems.FieldError>? Errors = null)
{
    public static SupportOutcome Fail(Problems.ErrorDefinition error) => new(null, error);

    public static SupportOutcome Invalid(string field, Problems.ErrorDefinition error) => new(null, null, [new Problems.FieldError(field, error)]);
}

/// <summary>
/// Who may see and do what with a request. Seeing: a school account its own school's requests; anyone else with a
/// support permission the requests of schools in its subtree. Acting: the school side (support:request), the
/// support side (support:handle and a member of the assigned team or the assigned expert; a platform acts for the
/// teams of its own subtree), leads (a lead of the assigned or escalated-to level, or support:manage over it).
/// </summary>
public sealed class SupportAccess(HubDbContext db)
{
    private long? _personId;
    private string? _personHubId;

    public static bool CanSee(Caller caller, SupportRequest r) =>
        caller.SchoolCode is { } school ? r.SchoolCode == school : caller.Scope.Contains(r.SchoolRegionCode);

    public static bool IsSchoolSide(Caller caller, SupportRequest r) => caller.HasScope(HubScopes.SupportRequest) && CanSee(caller, r);

    /// <summary>The registry id of the person behind a console session; null for a client with a token.</summary>
    public async Task<long?> PersonIdAsync(Caller caller, CancellationToken ct)
    {
        if (caller.PersonHubId is not { } hubId)
        {
            return null;
        }
        if (_personHubId != hubId)
        {
            _personId = await db.Set<Person>().AsNoTracking().Where(p => p.HubId == hubId).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            _personHubId = hubId;
        }
        return _personId;
    }

    public async Task<bool> IsHandlerAsync(Caller caller, SupportRequest r, CancellationToken ct)
    {
        if (!caller.HasScope(HubScopes.SupportHandle) || caller.SchoolCode is not null || r.AssignedRegionCode is null || !CanSee(caller, r))
        {
            return false;
        }
        if (await PersonIdAsync(caller, ct) is not { } person)
        {
            return caller.Kind == ClientKind.Platform && caller.Scope.Contains(r.AssignedRegionCode);
        }
        if (r.AssignedTeamId is { } team)
        {
            return await db.Set<SupportTeamMember>().AnyAsync(m => m.TeamId == team && m.PersonId == person, ct);
        }
        return await db.Set<SupportExpert>().AnyAsync(e => e.Id == r.AssignedExpertId && e.PersonId == person, ct);
    }

    public async Task<bool> IsLeadAsync(Caller caller, SupportRequest r, CancellationToken ct)
    {
        if (caller.SchoolCode is not null || !CanSee(caller, r))
        {
            return false;
        }
        string[] levels = [.. new[] { r.AssignedRegionCode ?? r.SchoolRegionCode, r.EscalatedRegionCode }.OfType<string>()];
        if (caller.HasScope(HubScopes.SupportManage) && levels.Any(caller.Scope.Contains))
        {
            return true;
        }
        if (!caller.HasScope(HubScopes.SupportHandle) || await PersonIdAsync(caller, ct) is not { } person)
        {
            return false;
        }
        return await db.Set<SupportTeamMember>().Where(m => m.PersonId == person && m.IsLead)
            .Join(db.Set<SupportTeam>(), m => m.TeamId, t => t.Id, (m, t) => t)
            .AnyAsync(t => t.Id == r.AssignedTeamId || (r.EscalatedRegionCode != null && t.RegionCode == r.EscalatedRegionCode), ct);
    }

    /// <summary>Internal notes and the support side's view: anyone but a school account or a caller holding only support:request.</summary>
    public static bool SeesInternal(Caller caller) =>
        caller.SchoolCode is null && (caller.HasScope(HubScopes.SupportHandle) || caller.HasScope(HubScopes.SupportManage));
}
