using System.Text.Json;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Pilot;

/// <summary>
/// The notice's 确认程序: the expert panel scores each submitted application against the indicator system, the centre
/// approves or rejects with reasons (approval starts onboarding of the platforms) and publishes the approved ones.
/// </summary>
public sealed class PilotReview(HubDbContext db, AuditLog audit, IOptions<PilotOptions> options, IPilotOnboarding onboarding, TimeProvider clock)
{
    public async Task<PilotResult<ScoringView>> ScoreAsync(PilotApplication application, ScoringRequest request, Caller caller, CancellationToken ct)
    {
        if (!PilotAccess.IsNational(caller, HubScopes.PilotReview))
        {
            return PilotResult.Fail<ScoringView>(PilotErrors.NationalOnly);
        }
        if (application.Status != PilotApplicationStatus.Submitted)
        {
            return PilotResult.Fail<ScoringView>(PilotErrors.WrongStatus);
        }
        var errors = new List<FieldError>();
        var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var given = request.Scores ?? [];
        foreach (var indicator in options.Value.EffectiveIndicators)
        {
            if (!given.TryGetValue(indicator.Key, out var score) || score is not { } s || s < 0 || s > indicator.MaxScore || decimal.Round(s, 1) != s)
            {
                errors.Add(new FieldError("scores." + indicator.Key, PilotErrors.ScoreInvalid));
                continue;
            }
            scores[indicator.Key] = s;
        }
        errors.AddRange(given.Keys.Where(k => !scores.ContainsKey(k) && !errors.Any(e => e.Field == "scores." + k))
            .Select(k => new FieldError("scores." + k, PilotErrors.ScoreInvalid)));
        var opinion = request.Opinion?.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(opinion) || opinion.Length > PilotValidator.MaxLongText || opinion.Any(c => char.IsControl(c) && c != '\n'))
        {
            errors.Add(new FieldError("opinion", PilotErrors.OpinionInvalid));
        }
        if (errors.Count > 0)
        {
            return PilotResult.Invalid<ScoringView>(errors);
        }
        var scoring = await db.Set<PilotScoring>().FirstOrDefaultAsync(s => s.ApplicationId == application.Id && s.Expert == caller.Actor, ct);
        if (scoring is null)
        {
            scoring = new PilotScoring { ApplicationId = application.Id, Expert = caller.Actor, ScoresJson = "{}", Opinion = "" };
            db.Add(scoring);
        }
        scoring.ScoresJson = JsonSerializer.Serialize(scores);
        scoring.Opinion = opinion!;
        scoring.RecordedAt = clock.GetUtcNow();
        audit.Record(caller.Actor, "pilot.score", "pilot_application", PilotApplications.Id(application), "scored");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same expert's other request created the scoring first: theirs stands; this one may retry as an update.
            return PilotResult.Fail<ScoringView>(PilotErrors.StaleVersion);
        }
        return View(scoring);
    }

    /// <summary>The centre sees every scoring and the averages; an expert sees only their own scoring (experts score independently).</summary>
    public async Task<PilotResult<ReviewSummaryView>> SummaryAsync(PilotApplication application, Caller caller, CancellationToken ct)
    {
        var decider = PilotAccess.IsNational(caller, HubScopes.PilotDecide);
        if (!decider && !PilotAccess.IsNational(caller, HubScopes.PilotReview))
        {
            return PilotResult.Fail<ReviewSummaryView>(PilotErrors.NationalOnly);
        }
        var scorings = await db.Set<PilotScoring>().AsNoTracking().Where(s => s.ApplicationId == application.Id)
            .OrderBy(s => s.RecordedAt).ToListAsync(ct);
        var views = scorings.Select(View).ToList();
        var indicators = options.Value.EffectiveIndicators.Select(i => new IndicatorAverage(i.Key, i.NameZh, i.NameEn, i.MaxScore,
            decider && views.Count > 0 ? decimal.Round(views.Average(v => v.Scores.GetValueOrDefault(i.Key)), 2) : null)).ToList();
        decimal? total = decider && views.Count > 0 ? indicators.Sum(i => i.Average ?? 0) : null;
        return new ReviewSummaryView(application.Id, indicators, total, views.Count,
            decider ? views : [.. views.Where(v => v.Expert == caller.Actor)]);
    }

    public async Task<PilotResult<PilotApplication>> DecideAsync(PilotApplication application, DecisionRequest request, Caller caller,
        CancellationToken ct)
    {
        if (!PilotAccess.IsNational(caller, HubScopes.PilotDecide))
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.NationalOnly);
        }
        if (application.Status != PilotApplicationStatus.Submitted)
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.WrongStatus);
        }
        if (request.ExpectedVersion is { } v && v != application.ChangeVersion)
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.StaleVersion);
        }
        var errors = new List<FieldError>();
        if (request.Approve is null)
        {
            errors.Add(new FieldError("approve", GeneralErrors.ValidationFailed));
        }
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if ((reason is null && request.Approve == false) || reason is { Length: > PilotValidator.MaxLongText }
            || (reason?.Any(c => char.IsControl(c) && c != '\n') ?? false))
        {
            errors.Add(new FieldError("reason", PilotErrors.ReasonInvalid));
        }
        if (errors.Count > 0)
        {
            return PilotResult.Invalid<PilotApplication>(errors);
        }
        var approve = request.Approve!.Value;
        application.Status = approve ? PilotApplicationStatus.Approved : PilotApplicationStatus.Rejected;
        application.DecidedBy = caller.Actor;
        application.DecidedAt = clock.GetUtcNow();
        application.DecisionReason = reason;
        // Approval and the platforms' access applications commit together, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (approve && await onboarding.StartAsync(application.Id, PilotDocument.Platforms(PilotJson.Read(application.ContentJson)), caller, ct) is { } refused)
        {
            db.ChangeTracker.Clear();
            return PilotResult.Fail<PilotApplication>(refused);
        }
        var saved = await SaveAsync(application, caller, approve ? "pilot.approve" : "pilot.reject", approve ? "approved" : "rejected", ct);
        if (saved.Ok)
        {
            await transaction.CommitAsync(ct);
        }
        return saved;
    }

    public async Task<PilotResult<PilotApplication>> PublishAsync(PilotApplication application, Caller caller, CancellationToken ct)
    {
        if (!PilotAccess.IsNational(caller, HubScopes.PilotDecide))
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.NationalOnly);
        }
        if (application.Status != PilotApplicationStatus.Approved)
        {
            return PilotResult.Fail<PilotApplication>(PilotErrors.WrongStatus);
        }
        application.Status = PilotApplicationStatus.Published;
        application.PublishedAt = clock.GetUtcNow();
        return await SaveAsync(application, caller, "pilot.publish", "published", ct);
    }

    private async Task<PilotResult<PilotApplication>> SaveAsync(PilotApplication application, Caller caller, string action, string outcome,
        CancellationToken ct)
    {
        application.UpdatedAt = clock.GetUtcNow();
        application.ChangeVersion = await db.NextChangeVersionAsync(ct);
        audit.Record(caller.Actor, action, "pilot_application", PilotApplications.Id(application), outcome, regionCode: application.RegionCode);
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

    private static ScoringView View(PilotScoring s)
    {
        var scores = JsonSerializer.Deserialize<Dictionary<string, decimal>>(s.ScoresJson) ?? [];
        return new ScoringView(s.Expert, scores, scores.Values.Sum(), s.Opinion, s.RecordedAt);
    }
}
