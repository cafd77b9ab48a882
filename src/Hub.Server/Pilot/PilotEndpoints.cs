using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Pilot;

/// <summary>/api/v1/pilot: the pilot application (体系试点申报), its review, and the published list.</summary>
public static class PilotEndpoints
{
    public static void MapPilotEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/pilot").WithTags("Pilot 体系试点申报");
        var applications = group.MapGroup("/applications");
        applications.MapPost("/", CreateAsync).RequireAuthorization(HubScopes.PilotApply).Produces<PilotApplicationView>(201)
            .WithName("CreatePilotApplication").WithSummary("新建申报草稿 / Create a draft application");
        applications.MapGet("/", ListAsync).RequireAuthorization(PilotExtensions.AnyPolicy).Produces<List<PilotApplicationListItem>>()
            .WithName("ListPilotApplications").WithSummary("列出可见的申报 / List the applications you can see");
        applications.MapGet("/{id:long}", GetAsync).RequireAuthorization(PilotExtensions.AnyPolicy).Produces<PilotApplicationView>()
            .WithName("GetPilotApplication").WithSummary("查看申报（含覆盖率）/ Get an application with its computed coverage");
        applications.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(HubScopes.PilotApply).Produces<PilotApplicationView>()
            .WithName("UpdatePilotApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("修改草稿 / Update a draft");
        applications.MapPost("/{id:long}/submit", SubmitAsync).RequireAuthorization(HubScopes.PilotApply).Produces<PilotApplicationView>()
            .WithName("SubmitPilotApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("提交申报 / Submit the application");
        applications.MapGet("/{id:long}/export/{attachment}", ExportAsync).RequireAuthorization(PilotExtensions.AnyPolicy)
            .WithName("ExportPilotAttachment").WithSummary("导出附件 2/3/4（csv 或 xlsx）/ Export attachment 2, 3 or 4 (csv or xlsx)");
        applications.MapPut("/{id:long}/scoring", ScoreAsync).RequireAuthorization(HubScopes.PilotReview).Produces<ScoringView>()
            .WithName("ScorePilotApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("专家评分 / Record your expert scoring");
        applications.MapGet("/{id:long}/review", ReviewAsync).RequireAuthorization(PilotExtensions.AnyPolicy).Produces<ReviewSummaryView>()
            .WithName("GetPilotReview").WithSummary("评审汇总 / Scores: averages per indicator and total");
        applications.MapPost("/{id:long}/decision", DecideAsync).RequireAuthorization(HubScopes.PilotDecide).Produces<PilotApplicationView>()
            .WithName("DecidePilotApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("审定（通过或驳回）/ Approve or reject");
        applications.MapPost("/{id:long}/publish", PublishAsync).RequireAuthorization(HubScopes.PilotDecide).Produces<PilotApplicationView>()
            .WithName("PublishPilotApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("公布 / Publish an approved application");
        group.MapGet("/published", async (PilotQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.PublishedAsync(ct)))
            .AllowAnonymous().WithName("ListPublishedPilots").WithSummary("已公布的试点平台和地区 / Published pilot platforms and regions");
    }

    private static async Task<IResult> CreateAsync(PilotApplicationInput input, ClaimsPrincipal user, PilotApplications service,
        PilotQueries queries, CancellationToken ct)
    {
        var result = await service.CreateAsync(input, Caller.From(user), ct);
        return result.Ok
            ? TypedResults.Created($"/api/v1/pilot/applications/{result.Value!.Id}", await queries.ViewAsync(result.Value, ct))
            : Problem(result);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, PilotApplications service, RegionCatalog regions, CancellationToken ct) =>
        TypedResults.Ok((await service.ListAsync(Caller.From(user), ct)).Select(a => new PilotApplicationListItem(a.Id, PilotQueries.Wire(a.Kind),
            a.RegionCode, PilotDocument.RegionName(regions, a.RegionCode), PilotQueries.Wire(a.Status), a.UpdatedAt, a.SubmittedAt, a.ChangeVersion)).ToList());

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, PilotApplications service, PilotQueries queries, CancellationToken ct) =>
        await service.FindAsync(id, Caller.From(user), ct) is { } a ? TypedResults.Ok(await queries.ViewAsync(a, ct)) : NotFound();

    private static async Task<IResult> UpdateAsync(long id, PilotApplicationInput input, ClaimsPrincipal user, PilotApplications service,
        PilotQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await service.FindAsync(id, caller, ct) is not { } a ? NotFound() : await View(await service.UpdateAsync(a, input, caller, ct), queries, ct);
    }

    private static async Task<IResult> SubmitAsync(long id, SubmitRequest? request, ClaimsPrincipal user, PilotApplications service,
        PilotQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await service.FindAsync(id, caller, ct) is not { } a
            ? NotFound()
            : await View(await service.SubmitAsync(a, request?.ExpectedVersion, caller, ct), queries, ct);
    }

    private static async Task<IResult> ExportAsync(long id, string attachment, ClaimsPrincipal user, PilotApplications service, PilotExports exports,
        CancellationToken ct, string? format = "xlsx", int? platform = null, int? region = null)
    {
        if (await service.FindAsync(id, Caller.From(user), ct) is not { } a)
        {
            return NotFound();
        }
        var file = await exports.ExportAsync(a, attachment, format, platform, region, ct);
        return file.Ok ? TypedResults.File(file.Value!.Bytes, file.Value.ContentType, file.Value.FileName) : Problem(file);
    }

    private static async Task<IResult> ScoreAsync(long id, ScoringRequest request, ClaimsPrincipal user, PilotApplications service,
        PilotReview review, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await service.FindAsync(id, caller, ct) is not { } a)
        {
            return NotFound();
        }
        var result = await review.ScoreAsync(a, request, caller, ct);
        return result.Ok ? TypedResults.Ok(result.Value) : Problem(result);
    }

    private static async Task<IResult> ReviewAsync(long id, ClaimsPrincipal user, PilotApplications service, PilotReview review, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await service.FindAsync(id, caller, ct) is not { } a)
        {
            return NotFound();
        }
        var result = await review.SummaryAsync(a, caller, ct);
        return result.Ok ? TypedResults.Ok(result.Value) : Problem(result);
    }

    private static async Task<IResult> DecideAsync(long id, DecisionRequest request, ClaimsPrincipal user, PilotApplications service,
        PilotReview review, PilotQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await service.FindAsync(id, caller, ct) is not { } a ? NotFound() : await View(await review.DecideAsync(a, request, caller, ct), queries, ct);
    }

    private static async Task<IResult> PublishAsync(long id, ClaimsPrincipal user, PilotApplications service, PilotReview review,
        PilotQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await service.FindAsync(id, caller, ct) is not { } a ? NotFound() : await View(await review.PublishAsync(a, caller, ct), queries, ct);
    }

    private static async Task<IResult> View(PilotResult<PilotApplication> result, PilotQueries queries, CancellationToken ct) =>
        result.Ok ? TypedResults.Ok(await queries.ViewAsync(result.Value!, ct)) : Problem(result);

    internal static IResult Problem<T>(PilotResult<T> result) =>
        result.Error is { } error ? HubProblems.Create(error) : HubProblems.Validation([.. result.Errors!]);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() => HubProblems.Create(GeneralErrors.NotFound);
}
