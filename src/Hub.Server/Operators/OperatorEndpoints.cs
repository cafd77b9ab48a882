using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Operators;

/// <summary>/api/v1/operators: admin accounts of the caller's subtree.</summary>
public static class OperatorEndpoints
{
    public static void MapOperatorEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/operators").WithTags("Operators 管理员").RequireAuthorization(HubScopes.OperatorsManage);
        group.MapGet("/", async (ClaimsPrincipal user, OperatorAccounts accounts, CancellationToken ct) =>
                TypedResults.Ok(await accounts.ListAsync(Caller.From(user), ct)))
            .WithName("ListOperators").WithSummary("列出管辖范围内的管理员 / List admin accounts in your jurisdiction");
        group.MapPost("/", GrantAsync)
            .WithName("GrantOperator").WithSummary("授予管理员权限 / Grant an admin account");
        group.MapDelete("/{hubId}", RevokeAsync)
            .WithName("RevokeOperator").WithSummary("撤销管理员权限 / Revoke an admin account");
    }

    private static async Task<Results<Created<OperatorView>, ProblemHttpResult>> GrantAsync(
        GrantOperatorRequest request, ClaimsPrincipal user, OperatorAccounts accounts, CancellationToken ct)
    {
        var (view, errors) = await accounts.GrantAsync(request, Caller.From(user), system: false, ct);
        return view is null ? HubProblems.Validation([.. errors]) : TypedResults.Created($"/api/v1/operators/{view.HubId}", view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string hubId, ClaimsPrincipal user, OperatorAccounts accounts, CancellationToken ct) =>
        await accounts.RevokeAsync(hubId, Caller.From(user), ct) ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);
}
