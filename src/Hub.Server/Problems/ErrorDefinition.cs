namespace Hub.Server.Problems;

/// <summary>
/// A stable error code with its HTTP status and its message in Chinese and English. Codes never change
/// meaning once published; every code is listed in specs/errors.md (a test holds the two together).
/// </summary>
public sealed record ErrorDefinition(string Code, int Status, string MessageZh, string MessageEn);

/// <summary>One field's problem inside a validation failure.</summary>
public sealed record FieldError(string Field, string Code, string MessageZh, string MessageEn)
{
    public FieldError(string field, ErrorDefinition error)
        : this(field, error.Code, error.MessageZh, error.MessageEn)
    {
    }
}
