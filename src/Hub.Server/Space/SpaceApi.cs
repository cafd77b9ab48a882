using System.Security.Claims;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Space;

/// <summary>Shared plumbing of the space's REST handlers: the person behind the token, problems from field errors, paging checks.</summary>
internal static class SpaceApi
{
    public static async Task<(SpacePerson? Person, ProblemHttpResult? Problem)> PersonAsync(ClaimsPrincipal user, SpacePeople people, CancellationToken ct) =>
        await people.FromTokenAsync(user, ct) is { } person ? (person, null) : (null, HubProblems.Create(SpaceErrors.NotAPerson));

    /// <summary>One problem for a list of field errors: a single error with its own status (404, 409, 413, 503) keeps it.</summary>
    public static ProblemHttpResult Problem(IReadOnlyList<FieldError> errors)
    {
        var own = errors.Count == 1 ? ErrorCatalog.All.FirstOrDefault(e => e.Code == errors[0].Code && e.Status != 400) : null;
        return own is null ? HubProblems.Validation([.. errors]) : HubProblems.Create(own, errors: errors);
    }

    public static FieldError? CheckLimit(int limit, int max = 100) =>
        limit < 1 || limit > max ? new FieldError("limit", SpaceErrors.LimitInvalid) : null;
}
