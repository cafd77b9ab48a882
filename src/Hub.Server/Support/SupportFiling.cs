using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Support;

/// <summary>
/// Filing: validates, numbers (SR-county-year-sequence from a per-county counter row), sets the service-level due
/// times, routes, audits and notifies, all in one transaction: a request is stored routed, or stored unrouted for the
/// checker to retry, never lost between the two.
/// </summary>
public sealed class SupportFiling(HubDbContext db, AuditLog audit, SupportRouting routing, SupportMessenger messenger,
    IOptions<SupportOptions> options, TimeProvider clock)
{
    public async Task<SupportOutcome> FileAsync(FileSupportRequest input, Caller caller, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var school = await SchoolAsync(input.SchoolCode, caller, ct);
        if (school is null)
        {
            errors.Add(new FieldError("schoolCode", SupportErrors.SchoolInvalid));
        }
        var kind = SupportCodes.Parse<SupportKind>(input.Kind);
        if (kind is null)
        {
            errors.Add(new FieldError("kind", SupportErrors.KindInvalid));
        }
        var urgency = input.Urgency is null ? SupportUrgency.Normal : SupportCodes.Parse<SupportUrgency>(input.Urgency);
        if (urgency is null)
        {
            errors.Add(new FieldError("urgency", SupportErrors.UrgencyInvalid));
        }
        var title = SupportLimits.Text(input.Title, SupportLimits.Title);
        if (title is null)
        {
            errors.Add(new FieldError("title", SupportErrors.TitleInvalid));
        }
        var description = SupportLimits.Text(input.Description, SupportLimits.Description, multiline: true);
        if (description is null)
        {
            errors.Add(new FieldError("description", SupportErrors.DescriptionInvalid));
        }
        var classroom = input.Classroom is null ? null : SupportLimits.Text(input.Classroom, SupportLimits.ShortText);
        if (input.Classroom is not null && classroom is null)
        {
            errors.Add(new FieldError("classroom", SupportErrors.ClassroomInvalid));
        }
        var subject = input.Subject is null ? null : SupportCodes.Subjects.ContainsKey(input.Subject) ? input.Subject : null;
        var stage = SupportCodes.Parse<SchoolStage>(input.Stage);
        if ((input.Subject is not null && subject is null) || (kind == SupportKind.Guidance && subject is null))
        {
            errors.Add(new FieldError("subject", SupportErrors.SubjectInvalid));
        }
        if ((input.Stage is not null && stage is null) || (kind == SupportKind.Guidance && stage is null))
        {
            errors.Add(new FieldError("stage", SupportErrors.StageInvalid));
        }
        if (input.DeviceId is { } deviceId && (school is null
            || !await db.Set<SupportDevice>().AnyAsync(d => d.Id == deviceId && d.SchoolId == school.Id && d.Status == DeviceStatus.InUse, ct)))
        {
            errors.Add(new FieldError("deviceId", SupportErrors.DeviceInvalid));
        }
        var reporter = await ReporterAsync(input.ReporterHubId, caller, errors, ct);
        if (errors.Count > 0)
        {
            return new SupportOutcome(null, null, errors);
        }

        var now = clock.GetUtcNow();
        var (response, resolution) = options.Value.For(kind!.Value, urgency!.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = new SupportRequest
        {
            Number = await NextNumberAsync(school!.RegionCode, now, ct),
            SchoolId = school.Id, SchoolCode = school.Code, SchoolRegionCode = school.RegionCode,
            Kind = kind.Value, Urgency = urgency.Value, Title = title!, Description = description!, Classroom = classroom,
            DeviceId = input.DeviceId, Subject = subject, Stage = stage, Status = SupportStatus.New,
            FiledBy = caller.Actor, ReporterPersonId = reporter, CreatedAt = now, UpdatedAt = now,
            ResponseDueAt = now + response, ResolutionDueAt = now + resolution,
        };
        request.History.Add(new SupportTransition { To = SupportStatus.New, Action = "file", Actor = caller.Actor, At = now });
        db.Add(request);
        audit.Record(caller.Actor, "support.file", "support_request", request.Number, "filed", regionCode: request.SchoolRegionCode);
        await messenger.SendAsync(request, "filed", SupportAudience.School, "已受理您的技术支持请求", "your support request was received", ct);
        await RouteAsync(request, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SupportOutcome(request);
    }

    /// <summary>Routes a new request (filing, and the checker's retry); unchanged when no team or expert fits yet.</summary>
    public async Task<bool> RouteAsync(SupportRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (await routing.RouteAsync(request, now, ct) is not { } target)
        {
            return false;
        }
        Assign(request, target, now);
        SupportWorkflow.Move(request, SupportAction.Route, "system", null, now);
        audit.Record("system", "support.route", "support_request", request.Number, "assigned " + target.RegionCode, regionCode: request.SchoolRegionCode);
        await messenger.SendAsync(request, "assigned", SupportAudience.Support, "新的技术支持请求已分派给您", "a new support request was assigned to you", ct);
        return true;
    }

    public static void Assign(SupportRequest request, RouteTarget target, DateTimeOffset now)
    {
        request.AssignedTeamId = target.TeamId;
        request.AssignedExpertId = target.ExpertId;
        request.AssignedRegionCode = target.RegionCode;
        request.AssigneePersonId = target.PersonId;
        request.AssignedAt = now;
    }

    private async Task<Organization?> SchoolAsync(string? code, Caller caller, CancellationToken ct)
    {
        var wanted = caller.SchoolCode ?? code?.Trim();
        if (wanted is null || (caller.SchoolCode is not null && code is not null && code.Trim() != caller.SchoolCode))
        {
            return null;
        }
        var school = await db.Set<Organization>().AsNoTracking()
            .FirstOrDefaultAsync(o => o.Code == wanted && o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active, ct);
        return school is not null && caller.Scope.Contains(school.RegionCode) ? school : null;
    }

    private async Task<long?> ReporterAsync(string? hubId, Caller caller, List<FieldError> errors, CancellationToken ct)
    {
        if (caller.PersonHubId is { } self)
        {
            hubId = self;
        }
        else if (hubId is null)
        {
            return null;
        }
        var normalized = HubIds.Normalize(hubId.Trim());
        var person = normalized is null ? null : await db.Set<Person>().AsNoTracking()
            .Where(p => p.HubId == normalized && p.Status == PersonStatus.Active).Select(p => new { p.Id, p.RegionCode }).FirstOrDefaultAsync(ct);
        // A platform names people of its own subtree only: the check must not tell it about anyone else.
        if (person is null || (caller.PersonHubId is null && !caller.Scope.Contains(person.RegionCode)))
        {
            errors.Add(new FieldError("reporterHubId", SupportErrors.PersonUnknown));
            return null;
        }
        return person.Id;
    }

    /// <summary>The next number of the school's county in the China-time year; the counter row is locked until commit.</summary>
    private async Task<string> NextNumberAsync(string region, DateTimeOffset now, CancellationToken ct)
    {
        var year = now.ToOffset(SupportTeam.ChinaOffset).Year;
        var last = (await db.Database.SqlQuery<int>(
            $"INSERT INTO support_number_counters (region_code, year, last) VALUES ({region}, {year}, 1) ON CONFLICT (region_code, year) DO UPDATE SET last = support_number_counters.last + 1 RETURNING last AS \"Value\"")
            .ToListAsync(ct)).Single();
        return FormattableString.Invariant($"SR-{region}-{year}-{last:D6}");
    }
}
