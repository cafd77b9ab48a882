using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Exchange.Sync;

/// <summary>/api/v1/changes and /api/v1/snapshots: the change feed and snapshots (specs/exchange), scoped to the caller's jurisdiction.</summary>
public static class ChangeFeedEndpoints
{
    public static void MapChangeFeedEndpoints(this WebApplication app)
    {
        var changes = app.MapGroup("/api/v1/changes").WithTags("Change feed 变更流");
        changes.MapGet("/people", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.PeopleAsync(Caller.From(user), since, limit, ct)))
            .RequireAuthorization(HubScopes.PeopleRead).WithName("PeopleChanges").WithSummary("人员变更流 / People changed after a version");
        changes.MapGet("/people-deletes", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.DeletionsAsync(Caller.From(user), "people", since, limit, ct)))
            .RequireAuthorization(HubScopes.PeopleRead).WithName("PeopleDeletes").WithSummary("人员删除流（平台解除关联）/ People unlinked by platforms after a version");
        changes.MapGet("/people-keys", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.KeyChangesAsync(Caller.From(user), since, limit, ct)))
            .RequireAuthorization(HubScopes.PeopleRead).WithName("PeopleKeyChanges").WithSummary("人员标识变更流（合并、证件更正、学籍号）/ Key changes after a version");
        changes.MapGet("/organizations", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.OrganizationsAsync(Caller.From(user), since, limit, ct)))
            .RequireAuthorization(HubScopes.OrganizationsRead).WithName("OrganizationChanges").WithSummary("机构变更流 / Organizations changed after a version");
        changes.MapGet("/organizations-deletes", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.DeletionsAsync(Caller.From(user), "organizations", since, limit, ct)))
            .RequireAuthorization(HubScopes.OrganizationsRead).WithName("OrganizationDeletes").WithSummary("机构撤销流 / Organizations closed after a version");

        changes.MapGet("/resources", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.ResourcesAsync(Caller.From(user), since, limit, ct)))
            .RequireAuthorization(HubScopes.ResourcesRead).WithName("ResourceChanges")
            .WithSummary("资源变更流（提交、审核、撤下；来源在管辖范围内）/ Resources changed after a version");
        changes.MapGet("/resources-deletes", (ClaimsPrincipal user, ChangeFeed feed, CancellationToken ct, long since = 0, int limit = 500) =>
                Run(since, limit, () => feed.DeletionsAsync(Caller.From(user), "resources", since, limit, ct)))
            .RequireAuthorization(HubScopes.ResourcesRead).WithName("ResourceDeletes").WithSummary("资源撤下流 / Resources withdrawn after a version");

        var snapshots = app.MapGroup("/api/v1/snapshots").WithTags("Change feed 变更流");
        snapshots.MapGet("/people", PeopleSnapshotAsync).RequireAuthorization(HubScopes.PeopleRead)
            .WithName("PeopleSnapshot").WithSummary("人员快照（带版本号，读完后从该版本跟随变更流）/ People snapshot tagged with the version to follow the feed from");
    }

    private static async Task<Results<Ok<ChangePage<T>>, ProblemHttpResult>> Run<T>(long since, int limit, Func<Task<ChangePage<T>>> read)
    {
        var errors = new List<FieldError>();
        if (since < 0)
        {
            errors.Add(new FieldError("since", ExchangeErrors.SinceInvalid));
        }
        if (limit is < 1 or > 1000)
        {
            errors.Add(new FieldError("limit", GeneralErrors.ValidationFailed));
        }
        return errors.Count > 0 ? HubProblems.Validation([.. errors]) : TypedResults.Ok(await read());
    }

    private static async Task<Results<Ok<SnapshotPage<PersonView>>, ProblemHttpResult>> PeopleSnapshotAsync(ClaimsPrincipal user, ChangeFeed feed,
        CancellationToken ct, string? after = null, int limit = 500)
    {
        var errors = new List<FieldError>();
        if (!SnapshotCursor.TryParse(after, out var cursor))
        {
            errors.Add(new FieldError("after", GeneralErrors.ValidationFailed));
        }
        if (limit is < 1 or > 1000)
        {
            errors.Add(new FieldError("limit", GeneralErrors.ValidationFailed));
        }
        return errors.Count > 0 ? HubProblems.Validation([.. errors]) : TypedResults.Ok(await feed.PeopleSnapshotAsync(Caller.From(user), cursor, limit, ct));
    }
}
