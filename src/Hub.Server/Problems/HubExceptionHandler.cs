using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Hub.Server.Problems;

/// <summary>
/// Turns exceptions into problem+json. Malformed input is the caller's error (4xx, the field named);
/// anything else is a 500 that reveals nothing but a trace id.
/// </summary>
internal sealed partial class HubExceptionHandler(IProblemDetailsService problems, ILogger<HubExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; nobody to answer
        }

        var (error, errors) = Classify(exception);
        if (error.Status >= 500)
        {
            LogUnexpected(logger, exception);
        }

        context.Response.StatusCode = error.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = HubProblems.ToProblemDetails(error, errors: errors),
            Exception = exception,
        });
    }

    internal static (ErrorDefinition Error, IReadOnlyList<FieldError>? Errors) Classify(Exception exception)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return (GeneralErrors.Unexpected, null);
        }

        if (FindJsonException(bad) is { } json)
        {
            var field = JsonPathToField(json.Path);
            return (GeneralErrors.MalformedBody,
                [new FieldError(field, GeneralErrors.MalformedBody)]);
        }

        var general = GeneralErrors.ForStatus(bad.StatusCode);
        if (general.Status == 400 && BindFailure().Match(bad.Message) is { Success: true } m)
        {
            return (GeneralErrors.ValidationFailed,
                [new FieldError(m.Groups["name"].Value, GeneralErrors.ValidationFailed.Code,
                    "参数格式不正确", "The parameter has an invalid format")]);
        }
        return (general, null);
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    internal static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[^\" ]+)\"")]
    private static partial Regex BindFailure();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
