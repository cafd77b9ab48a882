using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Apps;

/// <summary>
/// /api/v1/apps/applications, the reviewer's side (scope apps:review; operator clients and platforms bound to a
/// region): applications to regions in the caller's subtree. And /api/v1/apps/selected, the apps usable in a region.
/// </summary>
public static class AppReviewEndpoints
{
    public static void MapAppReviewEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/apps/applications").WithTags("Apps 应用接入").RequireAuthorization(HubScopes.AppsReview);
        group.MapGet("/", ListAsync)
            .WithName("ListAppApplicationsForReview").WithSummary("列出管辖范围内的选用申请 / Page through applications in your jurisdiction");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetAppApplication").WithSummary("查询选用申请 / Get an application");
        group.MapPost("/{id:long}/approve", (long id, DecisionRequest? request, ClaimsPrincipal user, AppReviews reviews, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(user, regions, reviewer => reviews.DecideAsync(id, approve: true, request ?? new DecisionRequest(null, null), reviewer, ct)))
            .WithName("ApproveAppApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("测试后审核通过（选用）/ Approve after testing (select the app)");
        group.MapPost("/{id:long}/reject", (long id, DecisionRequest? request, ClaimsPrincipal user, AppReviews reviews, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(user, regions, reviewer => reviews.DecideAsync(id, approve: false, request ?? new DecisionRequest(null, null), reviewer, ct)))
            .WithName("RejectAppApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("不予通过（须填写理由）/ Reject (reasons required)");
        group.MapPost("/{id:long}/revoke", (long id, DecisionRequest? request, ClaimsPrincipal user, AppReviews reviews, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(user, regions, reviewer => reviews.RevokeAsync(id, request ?? new DecisionRequest(null, null), reviewer, ct)))
            .WithName("RevokeAppSelection").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("撤销已选用的应用（须填写理由）/ Revoke an approved selection (reasons required)");

        app.MapGet("/api/v1/apps/selected", SelectedAsync).WithTags("Apps 应用接入").AllowAnonymous()
            .WithName("ListSelectedApps").WithSummary("某地区可用的应用（含上级地区选用的）/ Apps usable in a region, including those selected above it");
    }

    private static async Task<Results<Ok<ReviewPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, AppReviews reviews, RegionCatalog regions, CancellationToken ct,
        string? status = null, string? regionCode = null, string? after = null, int limit = 100)
    {
        if (Reviewer(user) is not { } reviewer)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        var errors = new List<FieldError>();
        var parsed = AppViews.ParseStatus(status);
        if (status is not null && parsed is null)
        {
            errors.Add(new FieldError("status", GeneralErrors.ValidationFailed));
        }
        RegionCursor.CheckPaging(after, limit, errors);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var scope = reviewer.Scope.Within(regionCode, regions);
        var (items, next) = await reviews.ListAsync(scope, parsed, after, limit, ct);
        return TypedResults.Ok(new ReviewPage([.. items.Select(x => new ReviewView(AppViews.From(x.Selection, x.App, regions), AppViews.From(x.App)))], next));
    }

    private static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal user, AppReviews reviews, RegionCatalog regions, CancellationToken ct)
    {
        if (Reviewer(user) is not { } reviewer)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        return await reviews.FindAsync(id, reviewer, "app.application.read", ct) is { } found
            ? TypedResults.Ok(new ReviewView(AppViews.From(found.Selection, found.App, regions), AppViews.From(found.App)))
            : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> ActAsync(
        ClaimsPrincipal user, RegionCatalog regions, Func<Caller, Task<DecisionOutcome>> act)
    {
        if (Reviewer(user) is not { } reviewer)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        var outcome = await act(reviewer);
        if (outcome.Errors.Count > 0)
        {
            return HubProblems.Validation([.. outcome.Errors]);
        }
        return outcome.Error is { } error
            ? HubProblems.Create(error)
            : TypedResults.Ok(new ReviewView(AppViews.From(outcome.Selection!, outcome.App!, regions), AppViews.From(outcome.App!)));
    }

    private static async Task<Results<Ok<List<SelectedAppView>>, ProblemHttpResult>> SelectedAsync(
        AppSelections selections, RegionCatalog regions, CancellationToken ct, string? regionCode = null)
    {
        if (!regions.IsCurrent(regionCode))
        {
            return HubProblems.Field("regionCode", AppErrors.RegionInvalid);
        }
        var rows = await selections.SelectedInAsync(regionCode!, ct);
        return TypedResults.Ok(rows.Select(x => AppViews.Selected(x.App, x.SelectedBy, regions)).ToList());
    }

    /// <summary>Reviewers act for a jurisdiction; vendors have none.</summary>
    private static Caller? Reviewer(ClaimsPrincipal user) => Caller.From(user) is { Kind: not ClientKind.Vendor } caller ? caller : null;
}
