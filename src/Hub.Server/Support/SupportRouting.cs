using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>Where routing sends a request: a team or an expert, and the region they belong to.</summary>
public sealed record RouteTarget(long? TeamId, long? ExpertId, string RegionCode, long? PersonId)
{
    public bool Same(SupportRequest r) => r.AssignedTeamId == TeamId && r.AssignedExpertId == ExpertId;
}

/// <summary>
/// The routing rules. Candidates come only from the school's region chain (its county, city, province — nearest
/// first): guidance goes to the expert pool matched by subject and stage, everything else to a team that handles the
/// kind and is in working hours; out of hours everywhere, the nearest team that handles the kind still gets it (it
/// waits for the morning rather than being lost). Among equals the team or expert with the fewest open requests wins.
/// </summary>
public sealed class SupportRouting(HubDbContext db, RegionCatalog regions)
{
    /// <summary>The school's region and the regions above it, nearest first, each also passing the prefix rule the database checks.</summary>
    public IReadOnlyList<string> Chain(string schoolRegion) =>
        [schoolRegion, .. regions.Ancestors(schoolRegion).Select(r => r.Code).Where(code => InChain(code, schoolRegion))];

    /// <summary>The same rule as the database check ck_support_requests_assigned_in_chain.</summary>
    public static bool InChain(string code, string schoolRegion) =>
        code == schoolRegion
        || (code.EndsWith("00", StringComparison.Ordinal) && !code.EndsWith("0000", StringComparison.Ordinal) && code[..4] == schoolRegion[..4])
        || (code.EndsWith("0000", StringComparison.Ordinal) && code[..2] == schoolRegion[..2]);

    /// <summary>Routing at filing time (and the checker's retry of an unrouted request).</summary>
    public Task<RouteTarget?> RouteAsync(SupportRequest request, DateTimeOffset now, CancellationToken ct) =>
        FindAsync(request, Chain(request.SchoolRegionCode), now, ct);

    /// <summary>The next level up from where the request is now (its assignee's region, or the school's when unrouted).</summary>
    public string? NextLevelUp(SupportRequest request)
    {
        var chain = Chain(request.SchoolRegionCode);
        var index = request.AssignedRegionCode is { } current ? chain.ToList().IndexOf(current) : 0;
        index = Math.Max(index, request.EscalatedRegionCode is { } escalated ? chain.ToList().IndexOf(escalated) : 0);
        return index + 1 < chain.Count ? chain[index + 1] : null;
    }

    /// <summary>A target strictly above the request's current level, nearest first; null when there is none.</summary>
    public Task<RouteTarget?> EscalateAsync(SupportRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var chain = Chain(request.SchoolRegionCode);
        var next = NextLevelUp(request);
        return next is null ? Task.FromResult<RouteTarget?>(null) : FindAsync(request, [.. chain.SkipWhile(c => c != next)], now, ct);
    }

    /// <summary>Whether a lead may assign <paramref name="target"/>: in the chain and able to take this kind (or the team's member).</summary>
    public async Task<bool> AcceptsAsync(SupportRequest request, RouteTarget target, CancellationToken ct)
    {
        if (!Chain(request.SchoolRegionCode).Contains(target.RegionCode))
        {
            return false;
        }
        if (target.TeamId is { } teamId)
        {
            var team = await db.Set<SupportTeam>().AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId, ct);
            return team is { Active: true } && team.RegionCode == target.RegionCode && team.Kinds.Contains(request.Kind)
                && (target.PersonId is not { } person || team.Members.Any(m => m.PersonId == person));
        }
        var expert = await db.Set<SupportExpert>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == target.ExpertId, ct);
        return request.Kind == SupportKind.Guidance && expert is { Active: true } && expert.RegionCode == target.RegionCode;
    }

    private async Task<RouteTarget?> FindAsync(SupportRequest request, IReadOnlyList<string> chain, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Kind == SupportKind.Guidance && request.Subject is { } subject && request.Stage is { } stage
            && await ExpertAsync(chain, subject, stage, ct) is { } expert)
        {
            return expert;
        }
        var teams = (await db.Set<SupportTeam>().AsNoTracking().Where(t => t.Active && chain.Contains(t.RegionCode)).ToListAsync(ct))
            .Where(t => t.Kinds.Contains(request.Kind)).ToList();
        if (teams.Count == 0)
        {
            return null;
        }
        var ids = teams.Select(t => t.Id).ToList();
        var load = await db.Set<SupportRequest>().AsNoTracking()
            .Where(r => r.AssignedTeamId != null && ids.Contains(r.AssignedTeamId.Value) && SupportWorkflow.Open.Contains(r.Status))
            .GroupBy(r => r.AssignedTeamId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        SupportTeam? Pick(IEnumerable<SupportTeam> candidates) => chain
            .Select(level => candidates.Where(t => t.RegionCode == level).OrderBy(t => load.GetValueOrDefault(t.Id)).ThenBy(t => t.Id).FirstOrDefault())
            .FirstOrDefault(t => t is not null);
        var team = Pick(teams.Where(t => t.IsOpenAt(now))) ?? Pick(teams);
        return team is null ? null : new RouteTarget(team.Id, null, team.RegionCode, null);
    }

    private async Task<RouteTarget?> ExpertAsync(IReadOnlyList<string> chain, string subject, SchoolStage stage, CancellationToken ct)
    {
        var experts = (await db.Set<SupportExpert>().AsNoTracking()
                .Where(e => e.Active && chain.Contains(e.RegionCode) && e.Subjects.Contains(subject)).ToListAsync(ct))
            .Where(e => e.Stages.Contains(stage)).ToList();
        if (experts.Count == 0)
        {
            return null;
        }
        var ids = experts.Select(e => e.Id).ToList();
        var load = await db.Set<SupportRequest>().AsNoTracking()
            .Where(r => r.AssignedExpertId != null && ids.Contains(r.AssignedExpertId.Value) && SupportWorkflow.Open.Contains(r.Status))
            .GroupBy(r => r.AssignedExpertId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var expert = chain.Select(level => experts.Where(e => e.RegionCode == level)
                .OrderBy(e => load.GetValueOrDefault(e.Id)).ThenBy(e => e.Id).FirstOrDefault())
            .First(e => e is not null)!;
        return new RouteTarget(null, expert.Id, expert.RegionCode, expert.PersonId);
    }
}
