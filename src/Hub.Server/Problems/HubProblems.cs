using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Problems;

/// <summary>
/// RFC 9457 problem details in the hub's shape: <c>code</c> (stable), <c>messages</c> (zh-CN and en),
/// and for validation failures <c>errors</c>, one per field.
/// </summary>
public static class HubProblems
{
    public const string ContentType = "application/problem+json";

    public static ProblemHttpResult Create(ErrorDefinition error, string? detail = null, IReadOnlyList<FieldError>? errors = null)
        => TypedResults.Problem(ToProblemDetails(error, detail, errors));

    public static ProblemHttpResult Validation(params FieldError[] errors)
        => Create(GeneralErrors.ValidationFailed, errors: errors);

    public static ProblemHttpResult Field(string field, ErrorDefinition error)
        => Create(error.Status == 400 && error != GeneralErrors.ValidationFailed ? error : GeneralErrors.ValidationFailed,
            errors: [new FieldError(field, error)]);

    public static ProblemDetails ToProblemDetails(ErrorDefinition error, string? detail = null, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = "urn:hub:problem:" + error.Code,
            Title = error.MessageZh + " / " + error.MessageEn,
            Status = error.Status,
            Detail = detail,
        };
        Decorate(problem, error);
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors.Select(e => new
            {
                field = e.Field,
                code = e.Code,
                messages = Messages(e.MessageZh, e.MessageEn),
            }).ToList();
        }
        return problem;
    }

    /// <summary>Adds code and bilingual messages to a problem the framework created.</summary>
    internal static void Decorate(ProblemDetails problem, ErrorDefinition error)
    {
        problem.Type ??= "urn:hub:problem:" + error.Code;
        problem.Extensions["code"] = error.Code;
        problem.Extensions["messages"] = Messages(error.MessageZh, error.MessageEn);
    }

    private static Dictionary<string, string> Messages(string zh, string en) => new() { ["zh-CN"] = zh, ["en"] = en };
}
