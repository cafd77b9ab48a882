using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Platforms;

/// <summary>/api/v1/platforms: access applications of platforms (接入), inside the caller's jurisdiction.</summary>
public static class PlatformEndpoints
{
    /// <summary>Reading applications: applicants and reviewers alike.</summary>
    public const string ReadPolicy = "platforms:read";

    /// <summary>Any valid access token: the platform's own client reports itself connected.</summary>
    public const string TokenPolicy = "platforms:self";

    public static void MapPlatformEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/platforms").WithTags("Platforms 平台接入");
        group.MapPost("/", CreateAsync).RequireAuthorization(HubScopes.PlatformsApply)
            .WithName("CreatePlatformAccess").WithSummary("创建接入申请草稿 / Create a draft access application");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(HubScopes.PlatformsApply)
            .WithName("UpdatePlatformAccess").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("修改草稿（或修改未通过的申请）/ Update a draft (or a rejected application)");
        group.MapPut("/{id}/jwks", (string id, PlatformJwksRequest request, ClaimsPrincipal user, PlatformAccessStore store, PlatformOnboarding onboarding, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.jwks", (a, c) => onboarding.SetJwksAsync(a, request.Jwks, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsApply).WithName("SetPlatformJwks").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("设置平台公钥 / Set the platform's JWKS");
        group.MapPost("/{id}/submit", (string id, ClaimsPrincipal user, PlatformAccessStore store, PlatformOnboarding onboarding, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.submit", (a, c) => onboarding.SubmitAsync(a, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsApply).WithName("SubmitPlatformAccess").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("提交申请 / Submit");
        group.MapPost("/{id}/review", (string id, ClaimsPrincipal user, PlatformAccessStore store, PlatformReview review, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.review", (a, c) => review.TakeUnderReviewAsync(a, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsReview).WithName("ReviewPlatformAccess").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("受理审核 / Take under review");
        group.MapPost("/{id}/approve", ApproveAsync).RequireAuthorization(HubScopes.PlatformsReview)
            .WithName("ApprovePlatformAccess").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithSummary("批准并签发凭据（仅返回一次）/ Approve and issue credentials (returned once)");
        group.MapPost("/{id}/reject", (string id, PlatformDecisionRequest request, ClaimsPrincipal user, PlatformAccessStore store, PlatformReview review, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.reject", (a, c) => review.RejectAsync(a, request.Reasons, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsReview).WithName("RejectPlatformAccess").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("不予通过（须说明理由）/ Reject (reasons required)");
        group.MapPost("/{id}/suspend", (string id, PlatformDecisionRequest request, ClaimsPrincipal user, PlatformAccessStore store, PlatformReview review, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.suspend", (a, c) => review.SuspendAsync(a, request.Reasons, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsReview).WithName("SuspendPlatform").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithSummary("暂停接入（同时吊销令牌与消息凭据）/ Suspend (revokes tokens and broker access at once)");
        group.MapPost("/{id}/resume", (string id, PlatformDecisionRequest? request, ClaimsPrincipal user, PlatformAccessStore store, PlatformReview review, RegionCatalog regions, CancellationToken ct) =>
                ActAsync(id, user, "platform.resume", (a, c) => review.ResumeAsync(a, request?.Reasons, c, ct), store, regions, ct))
            .RequireAuthorization(HubScopes.PlatformsReview).WithName("ResumePlatform").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithSummary("恢复接入 / Resume");
        group.MapGet("/", ListAsync).RequireAuthorization(ReadPolicy)
            .WithName("ListPlatformAccess").WithSummary("分页列出管辖范围内的接入申请 / Page through access applications in your jurisdiction");
        group.MapGet("/{id}", async Task<Results<Ok<PlatformAccessView>, ProblemHttpResult>> (string id, ClaimsPrincipal user, PlatformAccessStore store, RegionCatalog regions, CancellationToken ct) =>
                await store.FindAsync(id, Caller.From(user), "platform.read", ct) is { } access
                    ? TypedResults.Ok(PlatformViews.From(access, regions)) : HubProblems.Create(GeneralErrors.NotFound))
            .RequireAuthorization(ReadPolicy).WithName("GetPlatformAccess").WithSummary("查询接入申请及其状态历史 / Get an application with its history");
        group.MapPost("/self/connected", async Task<Results<Ok<PlatformAccessView>, ProblemHttpResult>> (ClaimsPrincipal user, PlatformOnboarding onboarding, RegionCatalog regions, CancellationToken ct) =>
                ToResult(await onboarding.MarkConnectedAsync(Caller.From(user), ct), regions))
            .RequireAuthorization(TokenPolicy).WithName("PlatformConnected").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("平台以自身新客户端的令牌确认接入 / The platform confirms, with its new client's token, that it is connected");
        group.MapPut("/self/jwks", async Task<Results<Ok<PlatformAccessView>, ProblemHttpResult>> (PlatformJwksRequest request, ClaimsPrincipal user, PlatformKeyRotation rotation, RegionCatalog regions, CancellationToken ct) =>
                ToResult(await rotation.RotateAsync(Caller.From(user), request.Jwks, ct), regions))
            .RequireAuthorization(TokenPolicy).WithName("RotatePlatformKeys").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("平台以自身令牌轮换公钥 / The platform rotates its public keys with its own token");
    }

    private static async Task<Results<Created<PlatformAccessView>, ProblemHttpResult>> CreateAsync(
        PlatformAccessRequest request, ClaimsPrincipal user, PlatformOnboarding onboarding, RegionCatalog regions, CancellationToken ct)
    {
        var outcome = await onboarding.CreateDraftAsync(request, Caller.From(user), ct);
        return outcome.Access is { } access
            ? TypedResults.Created($"/api/v1/platforms/{access.PublicId}", PlatformViews.From(access, regions))
            : Problem(outcome);
    }

    private static Task<Results<Ok<PlatformAccessView>, ProblemHttpResult>> UpdateAsync(string id, PlatformAccessRequest request,
        ClaimsPrincipal user, PlatformAccessStore store, PlatformOnboarding onboarding, RegionCatalog regions, CancellationToken ct) =>
        ActAsync(id, user, "platform.update", (a, c) => onboarding.UpdateDraftAsync(a, request, c, ct), store, regions, ct);

    private static async Task<Results<Ok<PlatformApproval>, ProblemHttpResult>> ApproveAsync(
        string id, ClaimsPrincipal user, PlatformAccessStore store, PlatformReview review, RegionCatalog regions, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await store.FindAsync(id, caller, "platform.approve", ct) is not { } access)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (outcome, credentials) = await review.ApproveAsync(access, caller, ct);
        return outcome.Access is { } approved
            ? TypedResults.Ok(new PlatformApproval(PlatformViews.From(approved, regions), credentials!))
            : Problem(outcome);
    }

    private static async Task<Results<Ok<PlatformAccessPage>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, PlatformAccessStore store,
        RegionCatalog regions, CancellationToken ct, string? status = null, string? after = null, int limit = 100)
    {
        var errors = new List<FieldError>();
        var parsed = PlatformWorkflow.Parse(status);
        if (status is not null && parsed is null)
        {
            errors.Add(new FieldError("status", PlatformErrors.StatusFilterInvalid));
        }
        RegionCursor.CheckPaging(after, limit, errors);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (items, next) = await store.ListAsync(Caller.From(user).Scope, parsed, after, limit, ct);
        return TypedResults.Ok(new PlatformAccessPage([.. items.Select(a => PlatformViews.From(a, regions, withHistory: false))], next));
    }

    private static async Task<Results<Ok<PlatformAccessView>, ProblemHttpResult>> ActAsync(string id, ClaimsPrincipal user, string action,
        Func<PlatformAccess, Caller, Task<PlatformOutcome>> act, PlatformAccessStore store, RegionCatalog regions, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await store.FindAsync(id, caller, action, ct) is { } access
            ? ToResult(await act(access, caller), regions)
            : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static Results<Ok<PlatformAccessView>, ProblemHttpResult> ToResult(PlatformOutcome outcome, RegionCatalog regions) =>
        outcome.Access is { } access ? TypedResults.Ok(PlatformViews.From(access, regions)) : Problem(outcome);

    private static ProblemHttpResult Problem(PlatformOutcome outcome) =>
        outcome.Errors is { Count: > 0 } errors ? HubProblems.Validation([.. errors]) : HubProblems.Create(outcome.Error ?? GeneralErrors.Unexpected);
}
