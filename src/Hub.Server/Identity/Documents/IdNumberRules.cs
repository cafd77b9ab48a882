using System.Globalization;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// The GB 11643-1999 layout shared by resident ID numbers, J student numbers and the 2023 foreign permanent
/// resident card: 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character.
/// </summary>
internal static class IdNumberRules
{
    public const int Length = 18;

    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private static ReadOnlySpan<int> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>17 ASCII digits then a digit or upper-case X.</summary>
    public static bool HasShape(ReadOnlySpan<char> value) =>
        value.Length == Length
        && IdentityText.IsAsciiDigits(value[..17])
        && (char.IsAsciiDigit(value[17]) || value[17] == 'X');

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || !IdentityText.IsAsciiDigits(first17))
        {
            throw new ArgumentException("Exactly 17 ASCII digits are needed", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    public static bool HasValidCheckCharacter(ReadOnlySpan<char> value) =>
        ComputeCheckCharacter(value[..17]) == value[17];

    /// <summary>A real calendar date (yyyyMMdd) from 1900-01-01 up to <paramref name="today"/>.</summary>
    public static bool TryParseBirthDate(ReadOnlySpan<char> yyyyMMdd, DateOnly today, out DateOnly birthDate) =>
        DateOnly.TryParseExact(yyyyMMdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birthDate)
        && birthDate >= EarliestBirthDate
        && birthDate <= today;

    /// <summary>Odd 17th digit: male; even: female.</summary>
    public static Gender GenderOf(ReadOnlySpan<char> value) => (value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>Checksum, birth date and region of a number that already has the shape; empty when all hold.</summary>
    public static List<ErrorDefinition> Check(string value, DateOnly today, RegionCatalog regions, out DateOnly birthDate)
    {
        var errors = new List<ErrorDefinition>(3);
        if (!HasValidCheckCharacter(value))
        {
            errors.Add(IdentityErrors.ChecksumMismatch);
        }
        if (!TryParseBirthDate(value.AsSpan(6, 8), today, out birthDate))
        {
            errors.Add(IdentityErrors.BirthDateImplausible);
        }
        if (!regions.Exists(value[..6]))
        {
            errors.Add(IdentityErrors.RegionUnknown);
        }
        return errors;
    }
}
