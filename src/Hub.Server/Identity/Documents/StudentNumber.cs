using System.Diagnostics.CodeAnalysis;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// A validated 全国中小学生学籍号, 19 characters: G + resident ID number; J + ID-style number (same layout and check
/// character, region must exist, but no ID card behind it); L + 6-digit region + 8-digit birth date + 4 digits.
/// </summary>
public sealed record StudentNumber
{
    public const int Length = 19;

    private StudentNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalized 19 characters (half-width, upper-case).</summary>
    public string Value { get; }

    public StudentNumberKind Kind => (StudentNumberKind)Value[0];

    public string RegionCode => Value.Substring(1, 6);

    public DateOnly BirthDate { get; }

    /// <summary>The 18-character ID or ID-style number of a G or J number; null for L.</summary>
    public string? EmbeddedIdNumber => Kind == StudentNumberKind.L ? null : Value[1..];

    /// <summary>From the embedded number's sequence for G and J; <see cref="Identity.Gender.Unknown"/> for L.</summary>
    public Gender Gender => Kind == StudentNumberKind.L ? Gender.Unknown : IdNumberRules.GenderOf(Value.AsSpan(1));

    /// <summary>Trim, full-width to half-width, upper-case. Does not validate.</summary>
    public static string Normalize(string? raw) => IdentityText.TrimAndFoldWidth(raw).ToUpperInvariant();

    /// <summary>Validates against <see cref="RegionCatalog.Default"/>.</summary>
    public static Validated<StudentNumber> Validate(string? raw, DateOnly today) => Validate(raw, today, RegionCatalog.Default);

    /// <summary>
    /// Validates a student number as of <paramref name="today"/>. For G and J, a failing embedded number yields
    /// <see cref="IdentityErrors.StudentNumberEmbeddedIdInvalid"/> followed by the specific causes.
    /// </summary>
    public static Validated<StudentNumber> Validate(string? raw, DateOnly today, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var value = Normalize(raw);
        if (value.Length == 0)
        {
            return new([IdentityErrors.StudentNumberRequired]);
        }
        if (value.Length != Length)
        {
            return new([IdentityErrors.StudentNumberFormat]);
        }
        return value[0] switch
        {
            'G' or 'J' => ValidateIdStyle(value, today, regions),
            'L' => ValidateTemporary(value, today, regions),
            _ => new([IdentityErrors.StudentNumberFormat]),
        };
    }

    public static bool TryParse(string? raw, DateOnly today, [NotNullWhen(true)] out StudentNumber? number)
    {
        number = Validate(raw, today).Value;
        return number is not null;
    }

    /// <summary>Masked, so that a number logged by accident does not leak the embedded ID.</summary>
    public override string ToString() => IdentityText.MaskNumber(Value);

    private static Validated<StudentNumber> ValidateIdStyle(string value, DateOnly today, RegionCatalog regions)
    {
        var embedded = value[1..];
        if (!IdNumberRules.HasShape(embedded))
        {
            return new([IdentityErrors.StudentNumberFormat]);
        }
        var causes = IdNumberRules.Check(embedded, today, regions, out var birthDate);
        return causes.Count == 0
            ? new(new StudentNumber(value, birthDate))
            : new([IdentityErrors.StudentNumberEmbeddedIdInvalid, .. causes]);
    }

    private static Validated<StudentNumber> ValidateTemporary(string value, DateOnly today, RegionCatalog regions)
    {
        if (!IdentityText.IsAsciiDigits(value.AsSpan(1)))
        {
            return new([IdentityErrors.StudentNumberFormat]);
        }
        var errors = new List<ErrorDefinition>(2);
        if (!IdNumberRules.TryParseBirthDate(value.AsSpan(7, 8), today, out var birthDate))
        {
            errors.Add(IdentityErrors.BirthDateImplausible);
        }
        if (!regions.Exists(value.Substring(1, 6)))
        {
            errors.Add(IdentityErrors.RegionUnknown);
        }
        return errors.Count == 0 ? new(new StudentNumber(value, birthDate)) : new(errors);
    }
}
