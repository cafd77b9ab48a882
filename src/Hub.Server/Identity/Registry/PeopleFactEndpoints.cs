using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Identity.Registry;

/// <summary>/api/v1/people/{hubId}/affiliations | guardians | verification | status.</summary>
public static class PeopleFactEndpoints
{
    public static void MapPeopleFactEndpoints(this WebApplication app)
    {
        var person = app.MapGroup("/api/v1/people/{hubId}").WithTags("People 实名用户").RequireAuthorization(HubScopes.PeopleWrite);
        person.MapPut("/affiliations", SetAffiliationsAsync).WithName("SetPersonAffiliations").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("设置任职/就读关系（整体替换）/ Replace affiliations");
        person.MapPut("/guardians", SetGuardiansAsync).WithName("SetPersonGuardianLinks").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("设置家长所监护的学生（整体替换）/ Replace a parent's students");
        person.MapPut("/verification", SetVerificationAsync).WithName("SetPersonVerification").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("记录实名核验等级 / Record the verification level");
        person.MapPut("/status", SetStatusAsync).WithName("SetPersonStatus").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("停用、恢复或注销 / Suspend, reactivate or close");
        person.MapPut("/password", SetPasswordAsync).WithName("SetPersonPassword").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("设置初始密码或重置密码（解除锁定）/ Set an initial or reset password (clears lockout)");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAffiliationsAsync(string hubId, AffiliationInput[] request,
        ClaimsPrincipal user, PeopleQueries queries, PersonFacts facts, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var affiliations = new List<PersonAffiliation>();
        for (var i = 0; i < request.Length; i++)
        {
            var a = request[i];
            var code = a.OrganizationCode?.Trim();
            if (code is null || code.Length is 0 or > 32 || !code.All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new FieldError($"[{i}].organizationCode", RegistryErrors.OrganizationCodeInvalid));
            }
            if (a.Role is not { } role || !Enum.IsDefined((PersonRole)role))
            {
                errors.Add(new FieldError($"[{i}].role", RegistryErrors.RoleInvalid));
            }
            if (a.ValidFrom is not { } from || (a.ValidTo is { } to && to < from))
            {
                errors.Add(new FieldError($"[{i}].validFrom", RegistryErrors.ValidityInvalid));
            }
            var classCode = string.IsNullOrWhiteSpace(a.ClassCode) ? null : a.ClassCode.Trim();
            if (classCode is { Length: > 32 } || (classCode is not null && !classCode.All(char.IsLetterOrDigit)))
            {
                errors.Add(new FieldError($"[{i}].classCode", RegistryErrors.ClassCodeInvalid));
            }
            if (errors.Count == 0)
            {
                affiliations.Add(new PersonAffiliation
                {
                    OrganizationCode = code!, Role = (PersonRole)a.Role!.Value, ValidFrom = a.ValidFrom!.Value, ValidTo = a.ValidTo,
                    ClassCode = classCode,
                });
            }
        }
        if (affiliations.DistinctBy(a => (a.OrganizationCode, a.Role, a.ValidFrom)).Count() != affiliations.Count)
        {
            errors.Add(new FieldError("[]", GeneralErrors.Conflict));
        }
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var caller = Caller.From(user);
        if (await ActiveAsync(hubId, caller, queries, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        await facts.SetAffiliationsAsync(person, affiliations, caller, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetGuardiansAsync(string hubId, GuardiansInput request,
        ClaimsPrincipal user, PeopleQueries queries, PersonFacts facts, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (request.StudentHubIds is not { Length: <= 20 } ids)
        {
            return HubProblems.Validation(new FieldError("studentHubIds", GeneralErrors.ValidationFailed));
        }
        if (await ActiveAsync(hubId, caller, queries, ct) is not { } parent)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var students = new List<Person>();
        foreach (var id in ids)
        {
            if (await ActiveAsync(id, caller, queries, ct) is not { } student)
            {
                return HubProblems.Validation(new FieldError("studentHubIds", GeneralErrors.NotFound));
            }
            students.Add(student);
        }
        return await facts.SetGuardiansAsync(parent, students, caller, ct) is { } error
            ? HubProblems.Create(error) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetVerificationAsync(string hubId, VerificationInput request,
        ClaimsPrincipal user, PeopleQueries queries, PersonFacts facts, CancellationToken ct)
    {
        if (request.Level is not { } level || !Enum.IsDefined(level))
        {
            return HubProblems.Validation(new FieldError("level", GeneralErrors.ValidationFailed));
        }
        var caller = Caller.From(user);
        if (await ActiveAsync(hubId, caller, queries, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        await facts.SetVerificationAsync(person, level, caller, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetStatusAsync(string hubId, StatusInput request,
        ClaimsPrincipal user, PeopleQueries queries, PersonFacts facts, CancellationToken ct)
    {
        if (request.Status is not { } status || !Enum.IsDefined(status))
        {
            return HubProblems.Validation(new FieldError("status", GeneralErrors.ValidationFailed));
        }
        var caller = Caller.From(user);
        if (await queries.FindAsync(hubId, caller, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return await facts.SetStatusAsync(person, status, caller, ct) is { } error ? HubProblems.Create(error) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPasswordAsync(string hubId, PasswordInput request,
        ClaimsPrincipal user, PeopleQueries queries, SignIn.CredentialService credentials, Audit.AuditLog audit,
        Persistence.HubDbContext db, CancellationToken ct)
    {
        if (!credentials.IsAcceptablePassword(request.Password))
        {
            return HubProblems.Validation(new FieldError("password", RegistryErrors.PasswordTooWeak));
        }
        var caller = Caller.From(user);
        if (await ActiveAsync(hubId, caller, queries, ct) is not { } person)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        audit.Record(caller.ClientId, "person.password.set", "person", person.HubId, "ok", regionCode: caller.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        await credentials.SetPasswordAsync(person.Id, request.Password!, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Person?> ActiveAsync(string hubId, Caller caller, PeopleQueries queries, CancellationToken ct) =>
        await queries.FindAsync(hubId, caller, ct) is { Status: PersonStatus.Active } person ? person : null;
}
