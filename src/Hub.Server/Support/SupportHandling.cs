using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>
/// Every change to a filed request: lifecycle actions, assignment by a lead, comments, the school's rating. Each
/// checks the side, the current status and the version the caller saw, moves the request with its timestamped
/// transition, writes the audit entry and the notification, and saves in one unit of work; a concurrent writer that
/// got there first makes this one a 409 (the version is the concurrency token).
/// </summary>
public sealed class SupportHandling(HubDbContext db, AuditLog audit, SupportAccess access, SupportRouting routing, SupportMessenger messenger,
    TimeProvider clock)
{
    public async Task<SupportOutcome> ActAsync(SupportRequest r, SupportAction action, SupportActionRequest input, Caller caller, CancellationToken ct)
    {
        var side = SupportWorkflow.Rule(action).Side;
        var allowed = side switch
        {
            SupportSide.School => SupportAccess.IsSchoolSide(caller, r),
            SupportSide.Support => await access.IsHandlerAsync(caller, r, ct),
            _ => false,
        };
        if (!allowed)
        {
            return SupportOutcome.Fail(SupportErrors.NotYourSide);
        }
        if (input.ExpectedVersion is { } expected && expected != r.Version)
        {
            return SupportOutcome.Fail(SupportErrors.StaleVersion);
        }
        if (!SupportWorkflow.Allows(r.Status, action))
        {
            return SupportOutcome.Fail(SupportErrors.TransitionNotAllowed);
        }
        var note = input.Note is null ? null : SupportLimits.Text(input.Note, SupportLimits.Comment, multiline: true);
        if ((SupportWorkflow.NeedsNote(action) && note is null) || (input.Note is not null && note is null))
        {
            return SupportOutcome.Invalid("note", SupportErrors.NoteRequired);
        }
        var now = clock.GetUtcNow();
        if (side == SupportSide.Support)
        {
            r.RespondedAt ??= now;
            if (action == SupportAction.Start && await access.PersonIdAsync(caller, ct) is { } person)
            {
                r.AssigneePersonId = person;
            }
        }
        if (action == SupportAction.AskSchool)
        {
            db.Add(new SupportComment { RequestId = r.Id, Side = CommentSide.Support, Actor = caller.Actor, Body = note!, CreatedAt = now });
        }
        SupportWorkflow.Move(r, action, caller.Actor, note, now);
        audit.Record(caller.Actor, "support." + SupportWorkflow.Wire(action), "support_request", r.Number, SupportCodes.Wire(r.Status), regionCode: r.SchoolRegionCode);
        var (zh, en) = Message(action);
        await messenger.SendAsync(r, SupportWorkflow.Wire(action), side == SupportSide.School ? SupportAudience.Support : SupportAudience.School, zh, en, ct);
        return await SaveAsync(r, ct);
    }

    public async Task<SupportOutcome> AssignAsync(SupportRequest r, AssignSupportRequest input, Caller caller, CancellationToken ct)
    {
        if (!await access.IsLeadAsync(caller, r, ct))
        {
            return SupportOutcome.Fail(SupportErrors.NotYourSide);
        }
        if (input.ExpectedVersion is { } expected && expected != r.Version)
        {
            return SupportOutcome.Fail(SupportErrors.StaleVersion);
        }
        if (!SupportWorkflow.Allows(r.Status, SupportAction.Assign))
        {
            return SupportOutcome.Fail(SupportErrors.TransitionNotAllowed);
        }
        var note = input.Note is null ? null : SupportLimits.Text(input.Note, SupportLimits.Comment, multiline: true);
        if (input.Note is not null && note is null)
        {
            return SupportOutcome.Invalid("note", SupportErrors.NoteRequired);
        }
        if (await TargetAsync(input, ct) is not { } target || !await routing.AcceptsAsync(r, target, ct))
        {
            return SupportOutcome.Invalid(input.ExpertId is null ? "teamId" : "expertId", SupportErrors.AssignmentInvalid);
        }
        var now = clock.GetUtcNow();
        SupportFiling.Assign(r, target, now);
        SupportWorkflow.Move(r, SupportAction.Assign, caller.Actor, note, now);
        audit.Record(caller.Actor, "support.assign", "support_request", r.Number, "assigned " + target.RegionCode, regionCode: r.SchoolRegionCode);
        await messenger.SendAsync(r, "assigned", SupportAudience.Support, "技术支持请求已分派给您", "a support request was assigned to you", ct);
        return await SaveAsync(r, ct);
    }

    public async Task<SupportOutcome> CommentAsync(SupportRequest r, SupportCommentRequest input, Caller caller, CancellationToken ct)
    {
        var support = await access.IsHandlerAsync(caller, r, ct) || await access.IsLeadAsync(caller, r, ct);
        var school = !support && SupportAccess.IsSchoolSide(caller, r);
        if (!support && !school)
        {
            return SupportOutcome.Fail(SupportErrors.NotYourSide);
        }
        var body = SupportLimits.Text(input.Body, SupportLimits.Comment, multiline: true);
        var isInternal = input.Internal == true;
        if (body is null || (isInternal && !support))
        {
            return SupportOutcome.Invalid(body is null ? "body" : "internal", SupportErrors.CommentInvalid);
        }
        if (r.Status is SupportStatus.Closed or SupportStatus.Cancelled)
        {
            return SupportOutcome.Fail(SupportErrors.TransitionNotAllowed);
        }
        var now = clock.GetUtcNow();
        db.Add(new SupportComment { RequestId = r.Id, Side = support ? CommentSide.Support : CommentSide.School, Internal = isInternal, Actor = caller.Actor, Body = body, CreatedAt = now });
        if (support && !isInternal)
        {
            r.RespondedAt ??= now;
        }
        if (school && r.Status == SupportStatus.WaitingForSchool)
        {
            // The school's answer hands the request back to the support side.
            SupportWorkflow.Move(r, SupportAction.Answer, caller.Actor, null, now);
        }
        else
        {
            r.UpdatedAt = now;
            r.Version++;
        }
        audit.Record(caller.Actor, "support.comment", "support_request", r.Number, isInternal ? "internal" : "comment", regionCode: r.SchoolRegionCode);
        if (!isInternal)
        {
            await messenger.SendAsync(r, "comment", support ? SupportAudience.School : SupportAudience.Support, "有新的留言", "a new comment", ct);
        }
        return await SaveAsync(r, ct);
    }

    public async Task<SupportOutcome> RateAsync(SupportRequest r, RateSupportRequest input, Caller caller, CancellationToken ct)
    {
        if (!SupportAccess.IsSchoolSide(caller, r))
        {
            return SupportOutcome.Fail(SupportErrors.NotYourSide);
        }
        var remark = input.Remark is null ? null : SupportLimits.Text(input.Remark, SupportLimits.Comment, multiline: true);
        if (input.Rating is not (>= 1 and <= 5) || (input.Remark is not null && remark is null))
        {
            return SupportOutcome.Invalid(input.Rating is (>= 1 and <= 5) ? "remark" : "rating", SupportErrors.RatingInvalid);
        }
        if (r.Status != SupportStatus.Closed || r.Rating is not null)
        {
            return SupportOutcome.Fail(SupportErrors.RatingNotAllowed);
        }
        r.Rating = (short)input.Rating.Value;
        r.RatingRemark = remark;
        r.UpdatedAt = clock.GetUtcNow();
        r.Version++;
        audit.Record(caller.Actor, "support.rate", "support_request", r.Number, "rated " + r.Rating, regionCode: r.SchoolRegionCode);
        return await SaveAsync(r, ct);
    }

    private async Task<RouteTarget?> TargetAsync(AssignSupportRequest input, CancellationToken ct)
    {
        if ((input.TeamId is null) == (input.ExpertId is null) || (input.ExpertId is not null && input.AssigneeHubId is not null))
        {
            return null;
        }
        if (input.ExpertId is { } expertId)
        {
            var expert = await db.Set<SupportExpert>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == expertId, ct);
            return expert is null ? null : new RouteTarget(null, expert.Id, expert.RegionCode, expert.PersonId);
        }
        var team = await db.Set<SupportTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TeamId, ct);
        long? person = null;
        if (input.AssigneeHubId is { } hubId)
        {
            var normalized = HubIds.Normalize(hubId.Trim());
            person = await db.Set<Person>().AsNoTracking().Where(p => p.HubId == normalized).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (person is null)
            {
                return null;
            }
        }
        return team is null ? null : new RouteTarget(team.Id, null, team.RegionCode, person);
    }

    private async Task<SupportOutcome> SaveAsync(SupportRequest r, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new SupportOutcome(r);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SupportOutcome.Fail(SupportErrors.StaleVersion);
        }
    }

    private static (string Zh, string En) Message(SupportAction action) => action switch
    {
        SupportAction.Start => ("支持人员已开始处理", "support staff started working on it"),
        SupportAction.AskSchool => ("支持人员需要学校补充信息", "support staff need more information from the school"),
        SupportAction.Resolve => ("问题已解决，请确认或重新打开", "resolved: please confirm or reopen"),
        SupportAction.Confirm => ("学校已确认解决", "the school confirmed the resolution"),
        SupportAction.Reopen => ("学校重新打开了请求", "the school reopened the request"),
        _ => ("学校撤销了请求", "the school cancelled the request"),
    };
}
