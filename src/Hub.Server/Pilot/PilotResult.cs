using System.Text.Json;
using Hub.Server.Problems;

namespace Hub.Server.Pilot;

/// <summary>The outcome of a pilot operation: a value, or one error (with an optional detail), or field errors.</summary>
public sealed record PilotResult<T>(T? Value, ErrorDefinition? Error = null, IReadOnlyList<FieldError>? Errors = null)
{
    public bool Ok => Error is null && Errors is not { Count: > 0 };

    public static implicit operator PilotResult<T>(T value) => new(value);
}

public static class PilotResult
{
    public static PilotResult<T> Fail<T>(ErrorDefinition error) => new(default, error);

    public static PilotResult<T> Invalid<T>(IReadOnlyList<FieldError> errors) => new(default, null, errors);
}

/// <summary>The application document as stored (jsonb) and as the API shows it: camelCase, like every hub payload.</summary>
internal static class PilotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(PilotApplicationInput input) => JsonSerializer.Serialize(input with { ExpectedVersion = null }, Options);

    public static PilotApplicationInput Read(string json) =>
        JsonSerializer.Deserialize<PilotApplicationInput>(json, Options) ?? new PilotApplicationInput(null, null);
}
