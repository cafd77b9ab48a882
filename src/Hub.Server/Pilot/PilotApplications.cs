using System.Globalization;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Pilot;

/// <summary>Drafts and submission of pilot applications, inside the caller's jurisdiction; each change audited in its transaction.</summary>
public sealed class PilotApplications(HubDbContext db, AuditLog audit, PilotValidator validator, IOptions<PilotOptions> options,
    TimeProvider clock)
{
    public async Task<PilotResult<PilotApplication>> CreateAsync(PilotApplicationInput input, Caller caller, CancellationToken ct)
    {
        if (!PilotAccess.IsApplicant(caller))
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.ApplicantLevel);
        }
        if (PilotValidator.CheckDraftSize(input) is { Count: > 0 } errors)
        {
            return PilotResult.Invalid<PilotApplication>(errors);
        }
        var now = clock.GetUtcNow();
        var application = new PilotApplication
        {
            Kind = PilotAccess.KindOf(caller), RegionCode = caller.RegionCode!, Status = PilotApplicationStatus.Draft,
            ContentJson = PilotJson.Write(input), CreatedBy = caller.Actor, CreatedAt = now, UpdatedAt = now,
        };
        // The audit entry names the new id, so the row is inserted first; one transaction keeps the two together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(application);
        await db.SaveChangesAsync(ct);
        audit.Record(caller.Actor, "pilot.create", "pilot_application", Id(application), "draft", regionCode: application.RegionCode);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    public async Task<PilotApplication?> FindAsync(long id, Caller caller, CancellationToken ct)
    {
        var application = await db.Set<PilotApplication>().FirstOrDefaultAsync(a => a.Id == id, ct);
        return application is not null && PilotAccess.CanRead(caller, application) ? application : null;
    }

    public async Task<List<PilotApplication>> ListAsync(Caller caller, CancellationToken ct)
    {
        var query = db.Set<PilotApplication>().AsNoTracking();
        if (!caller.Scope.IsNational)
        {
            var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings, as in OrganizationDirectory.InScope
            query = query.Where(a => string.Compare(a.RegionCode, lower) >= 0 && string.Compare(a.RegionCode, upper) < 0);
#pragma warning restore CA1309
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return [.. rows.Where(a => PilotAccess.CanRead(caller, a))];
    }

    public async Task<PilotResult<PilotApplication>> UpdateAsync(PilotApplication application, PilotApplicationInput input, Caller caller,
        CancellationToken ct)
    {
        if (Editable(application, input.ExpectedVersion, caller) is { } error)
        {
            return PilotResult.Fail<PilotApplication>(error);
        }
        if (PilotValidator.CheckDraftSize(input) is { Count: > 0 } errors)
        {
            return PilotResult.Invalid<PilotApplication>(errors);
        }
        application.ContentJson = PilotJson.Write(input);
        return await SaveAsync(application, caller, "pilot.update", "draft", ct);
    }

    /// <summary>
    /// Validates everything and moves the draft to submitted, or changes nothing: a late submission is refused with the
    /// deadline named, and any invalid field refuses the whole submission.
    /// </summary>
    public async Task<PilotResult<PilotApplication>> SubmitAsync(PilotApplication application, long? expectedVersion, Caller caller,
        CancellationToken ct)
    {
        if (Editable(application, expectedVersion, caller) is { } error)
        {
            return PilotResult.Fail<PilotApplication>(error);
        }
        var deadline = Deadline(application.Kind);
        if (clock.GetUtcNow() >= PilotOptions.EndOfDay(deadline))
        {
            return PilotResult.Fail<PilotApplication>(DeadlineError(deadline));
        }
        var (valid, errors) = await validator.ValidateAsync(PilotJson.Read(application.ContentJson), application.Kind, application.RegionCode, ct);
        if (valid is null)
        {
            return PilotResult.Invalid<PilotApplication>(errors);
        }
        application.Status = PilotApplicationStatus.Submitted;
        application.SubmittedAt = clock.GetUtcNow();
        return await SaveAsync(application, caller, "pilot.submit", "submitted", ct);
    }

    public DateOnly Deadline(PilotApplicationKind kind) =>
        kind == PilotApplicationKind.Provincial ? options.Value.ProvincialDeadline : options.Value.DirectDeadline;

    /// <summary>The deadline error with the date written into both messages, so the refusal says which deadline passed.</summary>
    public static ErrorDefinition DeadlineError(DateOnly deadline)
    {
        var day = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return PilotErrors.DeadlinePassed with
        {
            MessageZh = $"申报已截止：截止时间为 {deadline.Year} 年 {deadline.Month} 月 {deadline.Day} 日 24:00（北京时间），逾期不予受理",
            MessageEn = $"The submission deadline has passed: it was the end of {day} (24:00 Beijing time, UTC+8); late submissions are not accepted",
        };
    }

    private static ErrorDefinition? Editable(PilotApplication application, long? expectedVersion, Caller caller)
    {
        if (!PilotAccess.CanEdit(caller, application))
        {
            return GeneralErrors.Forbidden;
        }
        if (application.Status != PilotApplicationStatus.Draft)
        {
            return PilotErrors.WrongStatus;
        }
        return expectedVersion is { } v && v != application.ChangeVersion ? PilotErrors.StaleVersion : null;
    }

    private async Task<PilotResult<PilotApplication>> SaveAsync(PilotApplication application, Caller caller, string action, string outcome,
        CancellationToken ct)
    {
        application.UpdatedAt = clock.GetUtcNow();
        application.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.Actor, action, "pilot_application", Id(application), outcome, regionCode: application.RegionCode);
        try
        {
            await db.SaveChangesAsync(ct);
            return application;
        }
        catch (DbUpdateConcurrencyException)
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.StaleVersion);
        }
    }

    internal static string Id(PilotApplication application) => application.Id.ToString(CultureInfo.InvariantCulture);
}
