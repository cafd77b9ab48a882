using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Apps;

/// <summary>/api/v1/apps, the vendor's side (scope apps:manage, vendor clients only): apps, applications, credentials.</summary>
public static class AppEndpoints
{
    public static void MapAppEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/apps").WithTags("Apps 应用接入").RequireAuthorization(HubScopes.AppsManage);
        group.MapPost("/", RegisterAsync).WithName("RegisterApp").WithSummary("登记应用 / Register an app");
        group.MapGet("/", ListAsync).WithName("ListApps").WithSummary("列出本厂商的应用 / List your apps");
        group.MapGet("/{appId}", GetAsync).WithName("GetApp").WithSummary("查询应用 / Get one of your apps");
        group.MapPut("/{appId}", UpdateAsync).WithName("UpdateApp").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("修改应用 / Update an app");
        group.MapPost("/{appId}/applications", ApplyAsync)
            .WithName("ApplyForRegion").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("申请地区选用 / Apply for a region to select the app");
        group.MapGet("/{appId}/applications", ListApplicationsAsync)
            .WithName("ListAppApplications").WithSummary("列出应用的选用申请 / List the app's applications");
        group.MapPost("/{appId}/applications/{id:long}/withdraw", WithdrawAsync)
            .WithName("WithdrawApplication").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("撤回申请或停止选用 / Withdraw an application or a selection");
        group.MapPost("/{appId}/credentials", IssueCredentialsAsync).Produces<AppCredentials>().ProducesProblem(409)
            .WithName("IssueAppCredentials").WithSummary("获取新的客户端密钥（仅显示一次）/ Issue a new client secret (shown once)");
    }

    private static async Task<Results<Created<AppView>, ProblemHttpResult>> RegisterAsync(
        AppRequest request, ClaimsPrincipal user, AppValidator validator, AppRegistry registry, CancellationToken ct)
    {
        if (Vendor(user) is not { } vendor)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        var (valid, errors) = validator.Validate(request);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        var created = await registry.RegisterAsync(valid, vendor, ct);
        return TypedResults.Created($"/api/v1/apps/{created.AppId}", AppViews.From(created));
    }

    private static async Task<Results<Ok<List<AppView>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, AppRegistry registry, CancellationToken ct) =>
        Vendor(user) is { } vendor
            ? TypedResults.Ok((await registry.ListOwnAsync(vendor, ct)).Select(AppViews.From).ToList())
            : HubProblems.Create(GeneralErrors.Forbidden);

    private static async Task<Results<Ok<AppView>, ProblemHttpResult>> GetAsync(string appId, ClaimsPrincipal user, AppRegistry registry, CancellationToken ct) =>
        await OwnAsync(appId, user, registry, ct) is { } app ? TypedResults.Ok(AppViews.From(app)) : HubProblems.Create(GeneralErrors.NotFound);

    private static async Task<Results<Ok<AppView>, ProblemHttpResult>> UpdateAsync(
        string appId, AppRequest request, ClaimsPrincipal user, AppValidator validator, AppRegistry registry, CancellationToken ct)
    {
        if (await OwnAsync(appId, user, registry, ct) is not { } app)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (valid, errors) = validator.Validate(request);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        var error = await registry.UpdateAsync(app, valid, Caller.From(user), ct);
        return error is null ? TypedResults.Ok(AppViews.From(app)) : HubProblems.Create(error);
    }

    private static async Task<Results<Created<SelectionView>, ProblemHttpResult>> ApplyAsync(
        string appId, ApplyRequest request, ClaimsPrincipal user, AppRegistry registry, AppApplications applications,
        RegionCatalog regions, CancellationToken ct)
    {
        if (await OwnAsync(appId, user, registry, ct) is not { } app)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (created, errors, conflict) = await applications.ApplyAsync(app, request, Caller.From(user), ct);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        return created is null
            ? HubProblems.Create(conflict!)
            : TypedResults.Created($"/api/v1/apps/{app.AppId}/applications/{created.Id}", AppViews.From(created, app, regions));
    }

    private static async Task<Results<Ok<List<SelectionView>>, ProblemHttpResult>> ListApplicationsAsync(
        string appId, ClaimsPrincipal user, AppRegistry registry, AppApplications applications, RegionCatalog regions, CancellationToken ct)
    {
        if (await OwnAsync(appId, user, registry, ct) is not { } app)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return TypedResults.Ok((await applications.ListAsync(app, ct)).Select(s => AppViews.From(s, app, regions)).ToList());
    }

    private static async Task<Results<Ok<SelectionView>, ProblemHttpResult>> WithdrawAsync(
        string appId, long id, ClaimsPrincipal user, AppRegistry registry, AppApplications applications, RegionCatalog regions, CancellationToken ct)
    {
        if (await OwnAsync(appId, user, registry, ct) is not { } app)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (withdrawn, error) = await applications.WithdrawAsync(app, id, Caller.From(user), ct);
        return withdrawn is null ? HubProblems.Create(error!) : TypedResults.Ok(AppViews.From(withdrawn, app, regions));
    }

    private static async Task<IResult> IssueCredentialsAsync(
        string appId, HttpContext http, ClaimsPrincipal user, AppRegistry registry, CancellationToken ct)
    {
        if (await OwnAsync(appId, user, registry, ct) is not { } app)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var (credentials, error) = await registry.IssueCredentialsAsync(app, Caller.From(user), ct);
        if (credentials is null)
        {
            return HubProblems.Create(error!);
        }
        // The secret exists in plaintext only in this response: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(credentials);
    }

    /// <summary>Apps are registered by vendor clients only: a platform or operator holding apps:manage is refused.</summary>
    private static Caller? Vendor(ClaimsPrincipal user) => Caller.From(user) is { Kind: ClientKind.Vendor } caller ? caller : null;

    private static async Task<VendorApp?> OwnAsync(string appId, ClaimsPrincipal user, AppRegistry registry, CancellationToken ct) =>
        Vendor(user) is { } vendor ? await registry.FindOwnAsync(appId, vendor, ct) : null;
}
