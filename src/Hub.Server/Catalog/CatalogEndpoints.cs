using System.Security.Claims;
using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Catalog.Review;
using Hub.Server.Exchange.Sync;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Catalog;

/// <summary>/api/v1/resources: submit, search, read, review and withdraw resources (资源信息库).</summary>
public static class CatalogEndpoints
{
    /// <summary>A resource record is small; anything larger is refused before it is read (413).</summary>
    public const long MaxRecordBytes = 64 * 1024;

    public const string WithdrawPolicy = "resources:withdraw";

    public static void MapCatalogEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/resources").WithTags("Resources 资源");
        group.MapPost("/", SubmitAsync).RequireAuthorization(HubScopes.ResourcesWrite).Accepts<ResourceRecord>("application/json")
            .WithName("SubmitResource").WithSummary("提交资源元数据（新资源与内容变更进入来源层级的审核）/ Submit resource metadata (new content waits for review)");
        group.MapGet("/", SearchAsync).RequireAuthorization(HubScopes.ResourcesRead)
            .WithName("SearchResources").WithSummary("检索资源（中文全文、学科、学段、年级、类型、层级、区划；键集分页）/ Search the catalog");
        group.MapGet("/{resourceId}", GetAsync).RequireAuthorization(HubScopes.ResourcesRead)
            .WithName("GetResource").WithSummary("查询资源 / Get a resource");
        group.MapPost("/{resourceId}/review", ReviewAsync).RequireAuthorization(HubScopes.ResourcesReview)
            .WithName("ReviewResource").WithSummary("内容审核：approve 或 reject（附理由）/ Content review decision");
        group.MapPost("/{resourceId}/withdraw", WithdrawAsync).RequireAuthorization(WithdrawPolicy)
            .WithName("WithdrawResource").WithSummary("撤下资源（各级目录与空间同时撤下）/ Withdraw a resource everywhere");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The body is read here, not bound: a record over <see cref="MaxRecordBytes"/> is refused with 413 whatever the server in front.</summary>
    private static async Task<Results<Created<ResourceView>, Ok<ResourceView>, ProblemHttpResult>> SubmitAsync(HttpRequest request, ClaimsPrincipal user,
        ResourceValidator validator, ResourceWriter writer, HubDbContext db, CancellationToken ct)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HubProblems.Create(GeneralErrors.UnsupportedMediaType);
        }
        if (request.ContentLength > MaxRecordBytes || await Support.SupportEndpoints.ReadLimitedAsync(request.Body, (int)MaxRecordBytes, ct) is not { } body)
        {
            return HubProblems.Create(GeneralErrors.PayloadTooLarge);
        }
        ResourceRecord? record;
        try
        {
            record = System.Text.Json.JsonSerializer.Deserialize<ResourceRecord>(body, Json);
        }
        catch (System.Text.Json.JsonException e)
        {
            return HubProblems.Create(GeneralErrors.MalformedBody, errors: [new FieldError(HubExceptionHandler.JsonPathToField(e.Path), GeneralErrors.MalformedBody)]);
        }
        var caller = Caller.From(user);
        if (validator.Validate(record, caller) is (null, var errors))
        {
            return HubProblems.Validation([.. errors]);
        }
        var answer = new SyncAnswer(Guid.Empty, "resources");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var applied = await writer.ApplyAsync(caller, [record], answer, ct);
        if (answer.Rejected is [var rejected, ..])
        {
            return rejected.Code == ExchangeErrors.SupersededInBatch.Code ? HubProblems.Create(GeneralErrors.ValidationFailed)
                : HubProblems.Validation(new FieldError(rejected.Field ?? "", rejected.Code, rejected.MessageZh, rejected.Message));
        }
        await transaction.CommitAsync(ct);
        var outcome = answer.Assigned[0];
        if (outcome.Outcome == Outcomes.Stale)
        {
            return HubProblems.Create(GeneralErrors.Conflict, "version: the hub holds this version or a newer one");
        }
        var view = CatalogViews.From(applied[0]);
        return outcome.Outcome == Outcomes.Created ? TypedResults.Created($"/api/v1/resources/{view.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<ResourcePage>, ProblemHttpResult>> SearchAsync(ClaimsPrincipal user, CatalogQueries catalog, RegionCatalog regions,
        CancellationToken ct, string? q = null, string? subject = null, string? stage = null, int? grade = null, string? type = null, string? level = null,
        string? regionCode = null, string? status = null, string? licence = null, string? after = null, int limit = 20)
    {
        var errors = new List<FieldError>();
        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        void Check(bool ok, string field, ErrorDefinition error)
        {
            if (!ok)
            {
                errors.Add(new FieldError(field, error));
            }
        }
        Check(query is null || (query.Length <= CatalogText.MaxQueryLength && CatalogText.Query(query) is not null), "q", ResourceErrors.QueryInvalid);
        Check(subject is null || CatalogCodes.Has(CatalogCodes.Subjects, subject), "subject", ResourceErrors.FilterInvalid);
        Check(stage is null || CatalogCodes.Has(CatalogCodes.Stages, stage), "stage", ResourceErrors.FilterInvalid);
        Check(grade is null or >= 1 and <= 12, "grade", ResourceErrors.FilterInvalid);
        Check(type is null || CatalogCodes.Has(CatalogCodes.ResourceTypes, type), "type", ResourceErrors.FilterInvalid);
        Check(level is null || CatalogCodes.Has(CatalogCodes.OriginLevels, level), "level", ResourceErrors.FilterInvalid);
        Check(licence is null || CatalogCodes.Has(CatalogCodes.Licences, licence), "licence", ResourceErrors.FilterInvalid);
        Check(regionCode is null || regionCode == "000000" || regions.Exists(regionCode), "regionCode", ResourceErrors.FilterInvalid);
        Check(status is null || CatalogQueries.Parse(status) is not null, "status", ResourceErrors.FilterInvalid);
        Check(CatalogViews.TryCursor(after, out var cursor), "after", ResourceErrors.CursorInvalid);
        Check(limit is >= 1 and <= 100, "limit", ResourceErrors.CursorInvalid);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var filter = new CatalogFilter(query, subject, stage, grade, type, level, regionCode, status, licence);
        var (items, next) = await catalog.SearchAsync(Caller.From(user), filter, cursor, limit, ct);
        return TypedResults.Ok(new ResourcePage([.. items.Select(CatalogViews.From)], next));
    }

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> GetAsync(string resourceId, ClaimsPrincipal user, CatalogQueries catalog,
        CancellationToken ct) =>
        await catalog.FindAsync(Caller.From(user), resourceId, "resource.read", ct) is { } row
            ? TypedResults.Ok(CatalogViews.From(row))
            : HubProblems.Create(GeneralErrors.NotFound);

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> ReviewAsync(string resourceId, ReviewDecisionRequest? request,
        ClaimsPrincipal user, ResourceReviews reviews, CancellationToken ct) =>
        Result(await reviews.DecideAsync(Caller.From(user), resourceId, request ?? new ReviewDecisionRequest(null, null), ct));

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> WithdrawAsync(string resourceId, WithdrawRequest? request,
        ClaimsPrincipal user, ResourceReviews reviews, CancellationToken ct) =>
        Result(await reviews.WithdrawAsync(Caller.From(user), resourceId, request ?? new WithdrawRequest(null), ct));

    private static Results<Ok<ResourceView>, ProblemHttpResult> Result(ReviewOutcome outcome) =>
        outcome.Resource is { } row ? TypedResults.Ok(CatalogViews.From(row))
        : outcome.Field is { } field ? HubProblems.Validation(new FieldError(field, outcome.Error!))
        : HubProblems.Create(outcome.Error!);
}
