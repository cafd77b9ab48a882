using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hub.Server.Regions;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// A validated 公民身份号码 (GB 11643-1999): region code of registration, birth date, sequence (odd = male) and an
/// ISO 7064 MOD 11-2 check character. The region may be retired: the number keeps the code it was issued under.
/// </summary>
public sealed record ResidentIdNumber
{
    private ResidentIdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalized 18 characters (half-width, upper-case X).</summary>
    public string Value { get; }

    public string RegionCode => Value[..6];

    public DateOnly BirthDate { get; }

    public Gender Gender => IdNumberRules.GenderOf(Value);

    /// <summary>Trim, full-width to half-width, lower-case x to X. Does not validate.</summary>
    public static string Normalize(string? raw) => IdentityText.TrimAndFoldWidth(raw).Replace('x', 'X');

    /// <summary>Validates against <see cref="RegionCatalog.Default"/>.</summary>
    public static Validated<ResidentIdNumber> Validate(string? raw, DateOnly today) =>
        Validate(raw, today, RegionCatalog.Default);

    /// <summary>
    /// Validates a number as of <paramref name="today"/> (the caller's date in China; see
    /// <see cref="IdentityDocument.TodayInChina"/>). A malformed number yields only the format error; otherwise
    /// every failed rule (checksum, birth date, region) is reported.
    /// </summary>
    public static Validated<ResidentIdNumber> Validate(string? raw, DateOnly today, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var value = Normalize(raw);
        if (value.Length == 0)
        {
            return new([IdentityErrors.DocumentNumberRequired]);
        }
        if (!IdNumberRules.HasShape(value))
        {
            return new([IdentityErrors.ResidentIdFormat]);
        }
        var errors = IdNumberRules.Check(value, today, regions, out var birthDate);
        return errors.Count == 0 ? new(new ResidentIdNumber(value, birthDate)) : new(errors);
    }

    public static bool TryParse(string? raw, DateOnly today, [NotNullWhen(true)] out ResidentIdNumber? number)
    {
        number = Validate(raw, today).Value;
        return number is not null;
    }

    /// <summary>The check character for the first 17 digits (for generators of test data, and for checking).</summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17) => IdNumberRules.ComputeCheckCharacter(first17);

    /// <summary>Builds a well-formed number from its parts, check character included.</summary>
    /// <param name="regionCode">Six digits; not looked up.</param>
    /// <param name="birthDate">Any date; not checked for plausibility.</param>
    /// <param name="sequence">0–999; its parity gives the gender (odd = male).</param>
    public static string Compose(string regionCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (regionCode.Length != 6 || !IdentityText.IsAsciiDigits(regionCode))
        {
            throw new ArgumentException("The region code must be 6 digits", nameof(regionCode));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:D3}");
        return first17 + IdNumberRules.ComputeCheckCharacter(first17);
    }

    /// <summary>Masked, so that a number logged by accident does not leak; use <see cref="Value"/> deliberately.</summary>
    public override string ToString() => IdentityText.MaskNumber(Value);
}
