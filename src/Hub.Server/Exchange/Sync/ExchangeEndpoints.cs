using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Exchange.Sync;

public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items);

public sealed record ReplayResult(int Replayed, int Kept);

/// <summary>/api/v1/exchange: operating the data exchange (scope <c>exchange:manage</c>); dead letters are national only.</summary>
public static class ExchangeEndpoints
{
    public static void MapExchangeEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/exchange").WithTags("Exchange 数据交换运维").RequireAuthorization(HubScopes.ExchangeManage);
        group.MapGet("/holds", async (ClaimsPrincipal user, ExchangeOperations operations, CancellationToken ct, bool pending = true) =>
                TypedResults.Ok(await operations.HoldsAsync(Caller.From(user), pending, ct)))
            .WithName("ListRemovalHolds").WithSummary("超过删除阈值、待确认的删除批次 / Removal batches held at the deletion threshold");
        group.MapPost("/holds/{id:long}/confirm", (long id, ClaimsPrincipal user, ExchangeOperations operations, CancellationToken ct) =>
                DecideAsync(operations.DecideAsync(Caller.From(user), id, confirm: true, ct)))
            .WithName("ConfirmRemovalHold").WithSummary("确认并执行删除 / Confirm and apply the removals");
        group.MapPost("/holds/{id:long}/discard", (long id, ClaimsPrincipal user, ExchangeOperations operations, CancellationToken ct) =>
                DecideAsync(operations.DecideAsync(Caller.From(user), id, confirm: false, ct)))
            .WithName("DiscardRemovalHold").WithSummary("放弃该删除批次 / Discard the removals");
        group.MapPost("/platforms/{platformId}/snapshot", (string platformId, ExchangeRequest? request, ClaimsPrincipal user, ExchangeOperations operations, CancellationToken ct) =>
                RequestAsync(operations.RequestAsync(Caller.From(user), platformId, "snapshot", request ?? new ExchangeRequest(null, null), ct)))
            .WithName("RequestSnapshot").WithSummary("请平台重新发送全量数据 / Ask a platform to send its full state again");
        group.MapPost("/platforms/{platformId}/reconcile", (string platformId, ExchangeRequest? request, ClaimsPrincipal user, ExchangeOperations operations, CancellationToken ct) =>
                RequestAsync(operations.RequestAsync(Caller.From(user), platformId, "reconcile", request ?? new ExchangeRequest(null, null), ct)))
            .WithName("RequestReconciliation").WithSummary("请平台立即对账 / Ask a platform to reconcile now");
        group.MapGet("/dead-letters", ListDeadLettersAsync)
            .WithName("ListDeadLetters").WithSummary("死信及失败原因（仅国家级）/ Dead letters with their reasons (national only)");
        group.MapPost("/dead-letters/replay", ReplayAsync)
            .WithName("ReplayDeadLetters").WithSummary("重放死信（仅国家级）/ Replay dead letters (national only)");
    }

    private static async Task<Results<Ok<HoldDecision>, ProblemHttpResult>> DecideAsync(Task<(HoldDecision? Decision, ErrorDefinition? Error)> decide)
    {
        var (decision, error) = await decide;
        return decision is not null ? TypedResults.Ok(decision) : HubProblems.Create(error!);
    }

    private static async Task<Results<Accepted<ExchangeRequestView>, ProblemHttpResult>> RequestAsync(Task<(ExchangeRequestView? Request, ErrorDefinition? Error)> send)
    {
        var (request, error) = await send;
        return request is not null ? TypedResults.Accepted((string?)null, request) : HubProblems.Create(error!);
    }

    private static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult>> ListDeadLettersAsync(ClaimsPrincipal user, DeadLetters letters,
        CancellationToken ct, int limit = 100)
    {
        if (!Caller.From(user).Scope.IsNational)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        if (limit is < 1 or > 1000)
        {
            return HubProblems.Validation(new FieldError("limit", GeneralErrors.ValidationFailed));
        }
        try
        {
            return TypedResults.Ok(new DeadLetterPage(await letters.ListAsync(limit, ct)));
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            return HubProblems.Create(ExchangeErrors.BrokerUnavailable);
        }
    }

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(ClaimsPrincipal user, DeadLetters letters, HubDbContext db,
        AuditLog audit, CancellationToken ct, int max = 100)
    {
        var caller = Caller.From(user);
        if (!caller.Scope.IsNational)
        {
            return HubProblems.Create(GeneralErrors.Forbidden);
        }
        if (max is < 1 or > 10_000)
        {
            return HubProblems.Validation(new FieldError("max", GeneralErrors.ValidationFailed));
        }
        try
        {
            var (replayed, kept) = await letters.ReplayAsync(max, ct);
            audit.Record(caller.Actor, "exchange.dead-letters.replay", "queue", DeadLetters.Queue, "replayed", purpose: $"replayed {replayed}, kept {kept}");
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ReplayResult(replayed, kept));
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            return HubProblems.Create(ExchangeErrors.BrokerUnavailable);
        }
    }
}
