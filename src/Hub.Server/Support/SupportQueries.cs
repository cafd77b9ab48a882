using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>Filters of the request list; null means any.</summary>
public sealed record SupportFilter(SupportStatus? Status = null, SupportKind? Kind = null, string? SchoolCode = null, bool? Breached = null,
    string? Queue = null, long? DeviceId = null);

/// <summary>Reads of requests, always inside the caller's jurisdiction (a school account: its own school).</summary>
public sealed class SupportQueries(HubDbContext db, AuditLog audit, SupportAccess access)
{
    public const string QueueMine = "mine";
    public const string QueueUnrouted = "unrouted";
    public const string QueueEscalated = "escalated";

    /// <summary>The request if the caller may see it. One outside is reported absent (existence does not leak) and the attempt audited.</summary>
    public async Task<SupportRequest?> FindAsync(string number, Caller caller, string action, CancellationToken ct)
    {
        var request = await db.Set<SupportRequest>().Include(r => r.History).AsSplitQuery().FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is not null && !SupportAccess.CanSee(caller, request))
        {
            audit.Record(caller.Actor, action, "support_request", number, "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return request;
    }

    public IQueryable<SupportRequest> InScope(RegionScope scope, string? schoolCode)
    {
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings; no culture is involved
        var query = db.Set<SupportRequest>().Where(r => string.Compare(r.SchoolRegionCode, lower) >= 0 && string.Compare(r.SchoolRegionCode, upper) < 0);
#pragma warning restore CA1309
        return schoolCode is null ? query : query.Where(r => r.SchoolCode == schoolCode);
    }

    /// <summary>Keyset page over (school region, id), newest region order as elsewhere in the hub.</summary>
    public async Task<(List<SupportRequest> Items, string? Next)> ListAsync(Caller caller, RegionScope scope, SupportFilter filter, string? after, int limit, CancellationToken ct)
    {
        var query = InScope(scope, caller.SchoolCode ?? filter.SchoolCode).AsNoTracking();
        if (caller.SchoolCode is not null && filter.SchoolCode is not null && filter.SchoolCode != caller.SchoolCode)
        {
            return ([], null);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }
        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }
        if (filter.DeviceId is { } device)
        {
            query = query.Where(r => r.DeviceId == device);
        }
        if (filter.Breached is { } breached)
        {
            query = breached ? query.Where(r => r.ResponseBreachedAt != null || r.ResolutionBreachedAt != null)
                : query.Where(r => r.ResponseBreachedAt == null && r.ResolutionBreachedAt == null);
        }
        query = filter.Queue switch
        {
            QueueUnrouted => query.Where(r => r.Status == SupportStatus.New && r.AssignedRegionCode == null),
            QueueEscalated => query.Where(r => r.EscalatedRegionCode != null && SupportWorkflow.Open.Contains(r.Status)),
            QueueMine => await MineAsync(query, caller, ct),
            _ => query,
        };
        if (RegionCursor.Decode(after) is { } cursor)
        {
#pragma warning disable CA1309 // as in InScope
            query = query.Where(r => string.Compare(r.SchoolRegionCode, cursor.Region) > 0 || (r.SchoolRegionCode == cursor.Region && r.Id > cursor.Id));
#pragma warning restore CA1309
        }
        var items = await query.OrderBy(r => r.SchoolRegionCode).ThenBy(r => r.Id).Take(limit + 1).ToListAsync(ct);
        return (items, RegionCursor.TrimPage(items, limit, r => (r.SchoolRegionCode, r.Id)));
    }

    /// <summary>Open requests of the person's teams and expert entries, or assigned to them.</summary>
    private async Task<IQueryable<SupportRequest>> MineAsync(IQueryable<SupportRequest> query, Caller caller, CancellationToken ct)
    {
        if (await access.PersonIdAsync(caller, ct) is not { } person)
        {
            return query.Where(r => false);
        }
        var teams = db.Set<SupportTeamMember>().Where(m => m.PersonId == person).Select(m => (long?)m.TeamId);
        var experts = db.Set<SupportExpert>().Where(e => e.PersonId == person).Select(e => (long?)e.Id);
        return query.Where(r => SupportWorkflow.Open.Contains(r.Status)
            && (r.AssigneePersonId == person || teams.Contains(r.AssignedTeamId) || experts.Contains(r.AssignedExpertId)));
    }

    public async Task<SupportRequestView> ViewAsync(SupportRequest r, Caller caller, CancellationToken ct)
    {
        var internalToo = SupportAccess.SeesInternal(caller);
        var school = await db.Set<Organization>().AsNoTracking().Where(o => o.Id == r.SchoolId).Select(o => o.Name).FirstAsync(ct);
        var teamName = r.AssignedTeamId is { } team
            ? await db.Set<SupportTeam>().AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        long[] people = [.. new[] { r.AssigneePersonId, r.ReporterPersonId }.OfType<long>()];
        var hubIds = await db.Set<Person>().AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.HubId, ct);
        var comments = await db.Set<SupportComment>().AsNoTracking().Where(c => c.RequestId == r.Id && (internalToo || !c.Internal))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var attachments = await db.Set<SupportAttachment>().AsNoTracking().Where(a => a.RequestId == r.Id).OrderBy(a => a.Id)
            .Select(a => new SupportAttachmentView(a.Id, a.FileName, a.ContentType, a.Size, Convert.ToHexStringLower(a.Sha256), a.UploadedBy, a.UploadedAt))
            .ToListAsync(ct);
        var breaches = await db.Set<SupportBreach>().AsNoTracking().Where(b => b.RequestId == r.Id).OrderBy(b => b.Id).ToListAsync(ct);
        return new SupportRequestView(r.Number, r.SchoolCode, school, r.SchoolRegionCode, SupportCodes.Wire(r.Kind), SupportCodes.Wire(r.Urgency),
            SupportCodes.Wire(r.Status), r.Title, r.Description, r.Classroom, r.DeviceId, r.Subject, r.Stage is { } s ? SupportCodes.Wire(s) : null,
            r.AssignedRegionCode is { } region
                ? new SupportAssignmentView(r.AssignedTeamId, teamName, r.AssignedExpertId, region, r.AssigneePersonId is { } a ? hubIds.GetValueOrDefault(a) : null)
                : null,
            r.EscalatedRegionCode, r.FiledBy, r.ReporterPersonId is { } rp ? hubIds.GetValueOrDefault(rp) : null,
            r.CreatedAt, r.UpdatedAt, r.RespondedAt, r.ResolvedAt, r.ClosedAt, r.ResponseDueAt, r.ResolutionDueAt,
            r.ResponseBreachedAt is not null, r.ResolutionBreachedAt is not null, r.Resolution, r.Rating, r.RatingRemark, r.Version,
            [.. r.History.OrderBy(t => t.Id).Select(t => new SupportTransitionView(t.From is { } f ? SupportCodes.Wire(f) : null, SupportCodes.Wire(t.To), t.Action, t.Actor, t.Note, t.At))],
            [.. comments.Select(c => new SupportCommentView(c.Id, SupportCodes.Wire(c.Side), c.Internal, c.Actor, c.Body, c.CreatedAt))],
            attachments,
            [.. breaches.Select(b => new SupportBreachView(SupportCodes.Wire(b.Kind), b.DueAt, b.DetectedAt, b.FromRegionCode, b.EscalatedToRegionCode))]);
    }

    public static SupportRequestSummary Summary(SupportRequest r) =>
        new(r.Number, r.SchoolCode, r.SchoolRegionCode, SupportCodes.Wire(r.Kind), SupportCodes.Wire(r.Urgency), SupportCodes.Wire(r.Status), r.Title,
            r.AssignedRegionCode, r.ResponseBreachedAt is not null || r.ResolutionBreachedAt is not null, r.CreatedAt, r.UpdatedAt, r.Version);
}
