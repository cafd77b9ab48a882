using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.Documents;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Identity.Registry;

public sealed record MergePeopleRequest(string? SurvivorHubId, string? MergedHubId);

public sealed record ReviewCaseView(long Id, string HubId, string Kind, string PlatformId, string ProposedName, string CurrentName,
    string RegionCode, string Status, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>Key changes and review cases: /api/v1/people/merge, /api/v1/people/{hubId}/document, /api/v1/identity/reviews.</summary>
public static class PeopleKeyEndpoints
{
    public static void MapPeopleKeyEndpoints(this WebApplication app)
    {
        app.MapPost("/api/v1/people/merge", MergeAsync).WithTags("People 实名用户").RequireAuthorization(HubScopes.PeopleWrite)
            .WithName("MergePeople").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("合并重复人员（被合并标识保留为别名）/ Merge duplicates; the merged id stays an alias");
        app.MapPut("/api/v1/people/{hubId}/document", CorrectDocumentAsync).WithTags("People 实名用户").RequireAuthorization(HubScopes.PeopleWrite)
            .WithName("CorrectPersonDocument").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("更正证件号码（键变更）/ Correct the document number (a key change)");

        var reviews = app.MapGroup("/api/v1/identity/reviews").WithTags("Identity reviews 实名复核");
        reviews.MapGet("/", ListReviewsAsync).RequireAuthorization(HubScopes.PeopleRead)
            .WithName("ListReviewCases").WithSummary("管辖范围内待复核案件 / Open review cases in your jurisdiction");
        reviews.MapPost("/{id:long}/accept", (long id, ClaimsPrincipal user, PersonKeyOperations ops, CancellationToken ct) => ResolveAsync(id, true, user, ops, ct))
            .RequireAuthorization(HubScopes.PeopleWrite).WithName("AcceptReviewCase").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("采纳新姓名 / Accept the proposed name");
        reviews.MapPost("/{id:long}/reject", (long id, ClaimsPrincipal user, PersonKeyOperations ops, CancellationToken ct) => ResolveAsync(id, false, user, ops, ct))
            .RequireAuthorization(HubScopes.PeopleWrite).WithName("RejectReviewCase").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("保留原姓名 / Keep the current name");
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> MergeAsync(
        MergePeopleRequest request, ClaimsPrincipal user, PersonKeyOperations ops, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (HubIds.Normalize(request.SurvivorHubId) is null)
        {
            errors.Add(new FieldError("survivorHubId", GeneralErrors.ValidationFailed));
        }
        if (HubIds.Normalize(request.MergedHubId) is null)
        {
            errors.Add(new FieldError("mergedHubId", GeneralErrors.ValidationFailed));
        }
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (survivor, error) = await ops.MergeAsync(request.SurvivorHubId!, request.MergedHubId!, Caller.From(user), ct);
        return error is null ? TypedResults.Ok(PersonViews.From(survivor!, null)) : HubProblems.Create(error);
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> CorrectDocumentAsync(
        string hubId, DocumentInput request, ClaimsPrincipal user, PersonKeyOperations ops, RegionCatalog regions, TimeProvider clock, CancellationToken ct)
    {
        if (request.Type is not { } type)
        {
            return HubProblems.Validation(new FieldError("type", RegistryErrors.DocumentTypeRequired));
        }
        var document = IdentityDocument.Validate(type, request.Number, IdentityDocument.TodayInChina(clock), regions);
        if (!document.IsValid || document.Value.Type == DocumentType.None)
        {
            return HubProblems.Validation(document.IsValid ? [new FieldError("type", IdentityErrors.DocumentTypeUnsupported)] : [.. document.ToFieldErrors("number")]);
        }
        var (person, error) = await ops.CorrectDocumentAsync(hubId, document.Value, Caller.From(user), ct);
        return error is null ? TypedResults.Ok(PersonViews.From(person!, null)) : HubProblems.Create(error);
    }

    private static async Task<Ok<List<ReviewCaseView>>> ListReviewsAsync(ClaimsPrincipal user, HubDbContext db, CancellationToken ct, long after = 0)
    {
        var scope = Caller.From(user).Scope;
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var cases = await db.Set<ReviewCase>().AsNoTracking()
            .Where(c => c.Status == ReviewCaseStatus.Open && c.Id > after
                && string.Compare(c.RegionCode, lower) >= 0 && string.Compare(c.RegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderBy(c => c.Id).Take(200)
            .Join(db.Set<Person>(), c => c.PersonId, p => p.Id, (c, p) => new ReviewCaseView(c.Id, p.HubId, c.Kind.ToString(), c.PlatformId,
                c.ProposedName, p.Name, c.RegionCode, c.Status.ToString(), c.OpenedAt, c.ResolvedAt, c.ResolvedBy))
            .ToListAsync(ct);
        return TypedResults.Ok(cases);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResolveAsync(long id, bool accept, ClaimsPrincipal user, PersonKeyOperations ops, CancellationToken ct)
    {
        var (_, error) = await ops.ResolveReviewAsync(id, accept, Caller.From(user), ct);
        return error is null ? TypedResults.NoContent() : HubProblems.Create(error);
    }
}
