using System.Diagnostics.CodeAnalysis;
using Hub.Server.Problems;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// Either a normalized value or the errors that rejected the input, never both. The errors are bare
/// <see cref="ErrorDefinition"/>s because only the caller knows which request field the input came from.
/// </summary>
public sealed class Validated<T>
    where T : class
{
    internal Validated(T value)
    {
        Value = value;
        Errors = [];
    }

    internal Validated(IReadOnlyList<ErrorDefinition> errors)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("An invalid result needs at least one error", nameof(errors));
        }
        Errors = errors;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    public T? Value { get; }

    public IReadOnlyList<ErrorDefinition> Errors { get; }

    /// <summary>The errors as field errors of <paramref name="field"/> (JSON path without <c>$.</c>).</summary>
    public IReadOnlyList<FieldError> ToFieldErrors(string field) => Errors.Select(e => new FieldError(field, e)).ToList();
}
