using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.Documents;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Identity.Registry;

/// <summary>/api/v1/people: the national person registry, scoped to the caller's jurisdiction.</summary>
public static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this WebApplication app)
    {
        var people = app.MapGroup("/api/v1/people").WithTags("People 实名用户");

        people.MapPost("/", RegisterAsync).RequireAuthorization(HubScopes.PeopleWrite)
            .WithName("RegisterPerson").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("登记或解析实名用户 / Register or resolve a person");
        people.MapGet("/", ListAsync).RequireAuthorization(HubScopes.PeopleRead)
            .WithName("ListPeople").WithSummary("分页列出管辖范围内的人员 / Page through people in your jurisdiction");
        people.MapGet("/{hubId}", GetAsync).RequireAuthorization(HubScopes.PeopleRead)
            .WithName("GetPerson").WithSummary("按枢纽标识查询 / Get a person by hub id");
        people.MapPost("/lookup", LookupAsync).RequireAuthorization(HubScopes.PeopleRead)
            .WithName("LookupPerson").WithSummary("按证件号码或学籍号查找 / Find a person by document or student number");
        people.MapGet("/{hubId}/document", RevealDocumentAsync).RequireAuthorization(HubScopes.PeopleDocumentRead)
            .WithName("RevealPersonDocument").WithSummary("查看完整证件号码（审计）/ Read the full document number (audited)");
    }

    private static async Task<Results<Created<RegistrationView>, Ok<RegistrationView>, ProblemHttpResult>> RegisterAsync(
        RegisterPersonRequest request, ClaimsPrincipal user, RegistrationValidator validator, PersonRegistry registry, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (valid, errors) = validator.Validate(request, caller);
        if (valid is null)
        {
            return HubProblems.Validation([.. errors]);
        }
        var outcome = await registry.RegisterAsync(valid, caller, ct);
        if (outcome.Error is { } error)
        {
            return HubProblems.Create(error);
        }
        var view = new RegistrationView(PersonViews.From(outcome.Person!, outcome.LocalId), outcome.Created, outcome.ReviewCaseId);
        return outcome.Created ? TypedResults.Created($"/api/v1/people/{view.Person.HubId}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PersonPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, PeopleQueries queries, CancellationToken ct, string? after = null, int limit = 100)
    {
        if (limit is < 1 or > 1000)
        {
            return HubProblems.Validation(new FieldError("limit", RegistryErrors.LimitInvalid));
        }
        if (!PeopleQueries.IsCursor(after))
        {
            return HubProblems.Validation(new FieldError("after", RegistryErrors.CursorInvalid));
        }
        var (items, next) = await queries.ListAsync(Caller.From(user), after, limit, ct);
        return TypedResults.Ok(new PersonPage(items.Select(p => PersonViews.From(p, null)).ToList(), next));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> GetAsync(
        string hubId, ClaimsPrincipal user, PeopleQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await queries.FindAsync(hubId, caller, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return TypedResults.Ok(PersonViews.From(person, await queries.LocalIdAsync(person.Id, caller, ct)));
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> LookupAsync(
        LookupPersonRequest request, ClaimsPrincipal user, PeopleQueries queries, RegionCatalog regions, TimeProvider clock, CancellationToken ct)
    {
        var today = IdentityDocument.TodayInChina(clock);
        var errors = new List<FieldError>();
        IdentityDocument? document = null;
        StudentNumber? studentNumber = null;
        if (request.Document is { Type: { } type, Number: { } number })
        {
            var v = IdentityDocument.Validate(type, number, today, regions);
            if (v.IsValid) { document = v.Value; } else { errors.AddRange(v.ToFieldErrors("document.number")); }
        }
        if (!string.IsNullOrWhiteSpace(request.StudentNumber))
        {
            var v = StudentNumber.Validate(request.StudentNumber, today, regions);
            if (v.IsValid) { studentNumber = v.Value; } else { errors.AddRange(v.ToFieldErrors("studentNumber")); }
        }
        if (errors.Count > 0 || (document is null && studentNumber is null))
        {
            return HubProblems.Validation(errors.Count > 0 ? [.. errors] : [new FieldError("document", GeneralErrors.ValidationFailed)]);
        }
        var caller = Caller.From(user);
        if (await queries.LookupAsync(document, studentNumber, caller, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return TypedResults.Ok(PersonViews.From(person, await queries.LocalIdAsync(person.Id, caller, ct)));
    }

    private static async Task<Results<Ok<RevealedDocument>, ProblemHttpResult>> RevealDocumentAsync(
        string hubId, string? purpose, ClaimsPrincipal user, PeopleQueries queries, CancellationToken ct)
    {
        purpose = purpose?.Trim();
        if (purpose is null || purpose.Length is < 4 or > 200)
        {
            return HubProblems.Validation(new FieldError("purpose", RegistryErrors.PurposeRequired));
        }
        var caller = Caller.From(user);
        if (await queries.FindAsync(hubId, caller, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        if (await queries.RevealDocumentAsync(person, caller, purpose, ct) is not { } number)
        {
            return HubProblems.Create(RegistryErrors.NoDocumentOnRecord);
        }
        return TypedResults.Ok(new RevealedDocument(person.HubId, person.DocumentType!.Value, number, purpose));
    }
}
