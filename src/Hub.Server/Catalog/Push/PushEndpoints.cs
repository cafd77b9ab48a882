using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Space;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Catalog.Push;

/// <summary>Space summary of the resource inbox.</summary>
public sealed record ResourceInboxSummary(int Items, int Saved);

/// <summary>/api/v1/resources/{id}/pushes (platforms and operators) and /api/v1/space/resources (the person's resource inbox).</summary>
public static class PushEndpoints
{
    public static void MapResourcePushEndpoints(this WebApplication app)
    {
        var pushes = app.MapGroup("/api/v1/resources").WithTags("Resources 资源");
        pushes.MapPost("/{resourceId}/pushes", PushAsync).RequireAuthorization(HubScopes.ResourcesPush)
            .WithName("PushResource").WithSummary("推送资源至用户空间（区划、学校、班级、个人，可限角色；一条记录，读时解析）/ Push a resource into spaces");
        pushes.MapGet("/{resourceId}/pushes", ListAsync).RequireAuthorization(HubScopes.ResourcesPush)
            .WithName("ListResourcePushes").WithSummary("管辖范围内的推送 / Pushes of a resource in your jurisdiction");
        pushes.MapPost("/pushes/{pushId:long}/withdraw", WithdrawAsync).RequireAuthorization(HubScopes.ResourcesPush)
            .WithName("WithdrawResourcePush").WithSummary("撤回推送 / Withdraw a push");

        var space = app.MapGroup("/api/v1/space/resources").WithTags("Space 个人空间").RequireAuthorization(HubScopes.Space);
        space.MapGet("/", InboxAsync).WithName("GetResourceInbox").WithSummary("我的资源推送（saved=true 只看收藏）/ Resources pushed to you");
        space.MapPut("/{resourceId}", MarkAsync).WithName("MarkResource")
            .WithSummary("忽略、收藏或评分（1–5）推送给我的资源 / Dismiss, save or rate a resource pushed to you");
    }

    private static async Task<Results<Created<PushView>, ProblemHttpResult>> PushAsync(string resourceId, PushRequest? request, ClaimsPrincipal user,
        ResourcePushes pushes, CancellationToken ct)
    {
        var (view, error, field) = await pushes.PushAsync(Caller.From(user), resourceId, request ?? new PushRequest(null, null, null), ct);
        return view is not null ? TypedResults.Created($"/api/v1/resources/{view.ResourceId}/pushes", view)
            : field is not null ? HubProblems.Validation(new FieldError(field, error!)) : HubProblems.Create(error!);
    }

    private static async Task<Results<Ok<List<PushView>>, ProblemHttpResult>> ListAsync(string resourceId, ClaimsPrincipal user, CatalogQueries catalog,
        ResourcePushes pushes, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await catalog.FindAsync(caller, resourceId, "resource.pushes.read", ct) is { } row
            ? TypedResults.Ok(await pushes.ListAsync(caller, row, ct)) : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(long pushId, ClaimsPrincipal user, ResourcePushes pushes, CancellationToken ct) =>
        await pushes.WithdrawAsync(Caller.From(user), pushId, ct) ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);

    private static async Task<Results<Ok<ResourceInboxPage>, ProblemHttpResult>> InboxAsync(ClaimsPrincipal user, SpacePeople people, ResourceInbox inbox,
        CancellationToken ct, string? after = null, int limit = 20, bool saved = false)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        if (!ResourceInbox.IsCursor(after) || limit is < 1 or > 100)
        {
            return HubProblems.Validation(new FieldError(limit is < 1 or > 100 ? "limit" : "after", ResourceErrors.CursorInvalid));
        }
        return TypedResults.Ok(await inbox.PageAsync(me, after, limit, saved, ct));
    }

    private static async Task<Results<Ok<ResourceInboxItem>, ProblemHttpResult>> MarkAsync(string resourceId, ResourceStateRequest? request,
        ClaimsPrincipal user, SpacePeople people, ResourceSpaceStates states, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        if (request is null || request.Rating is not (null or >= 1 and <= 5))
        {
            return HubProblems.Validation(new FieldError("rating", ResourceErrors.RatingInvalid));
        }
        return await states.SetAsync(me, resourceId, request, ct) is { } item ? TypedResults.Ok(item) : HubProblems.Create(GeneralErrors.NotFound);
    }
}
