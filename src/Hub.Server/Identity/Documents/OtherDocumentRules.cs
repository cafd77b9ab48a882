using Hub.Server.Problems;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// Formats of the documents other than the resident ID. Every rule here is a shape check: none of these numbers
/// carries a public check digit except the 2023 foreign permanent resident card.
/// </summary>
internal static class OtherDocumentRules
{
    /// <summary>
    /// 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), an 8-digit lifelong number, and on the 11-character form
    /// two more digits counting renewals (MPS rule, 2010). The card prints the 9-character form.
    /// </summary>
    public static ErrorDefinition? CheckHongKongMacao(string value, out string lifelongNumber)
    {
        lifelongNumber = value.Length >= 9 ? value[..9] : value;
        var ok = value.Length is 9 or 11 && value[0] is 'H' or 'M' && IdentityText.IsAsciiDigits(value.AsSpan(1));
        return ok ? null : IdentityErrors.HongKongMacaoPermitFormat;
    }

    /// <summary>
    /// 台湾居民来往大陆通行证: an 8-digit lifelong number (since 2008-09-25). Older permits, still seen in records,
    /// add two digits counting issues and sometimes an issuing-office code in brackets, e.g. 0561682001(D).
    /// </summary>
    public static ErrorDefinition? CheckTaiwan(string value, out string lifelongNumber)
    {
        lifelongNumber = value.Length >= 8 ? value[..8] : value;
        var digits = value.AsSpan();
        if (digits.Length == 13 && digits[10] == '(' && digits[12] == ')' && char.IsAsciiLetterOrDigit(digits[11]))
        {
            digits = digits[..10];
        }
        var ok = digits.Length is 8 or 10 && IdentityText.IsAsciiDigits(digits);
        return ok ? null : IdentityErrors.TaiwanPermitFormat;
    }

    /// <summary>Passports of every country: 5–17 letters or digits (ICAO 9303 allows up to 9 in the MRZ; some
    /// national numbers are longer, and platforms store what is printed).</summary>
    public static ErrorDefinition? CheckPassport(string value)
    {
        var ok = value.Length is >= 5 and <= 17 && IdentityText.IsAsciiLettersOrDigits(value);
        return ok ? null : IdentityErrors.PassportFormat;
    }

    /// <summary>
    /// 外国人永久居留身份证. 2023 card (issued from 2023-12-01): 18 characters, first digit 9, 17 digits and a
    /// MOD 11-2 check character exactly as GB 11643 (National Immigration Administration notice). Older cards:
    /// 3 letters (nationality) and 12 digits, with no public check digit.
    /// </summary>
    public static IReadOnlyList<ErrorDefinition> CheckForeignPermanentResident(string value)
    {
        if (value.Length == 15)
        {
            var ok = IsAsciiUpperLetters(value.AsSpan(0, 3)) && IdentityText.IsAsciiDigits(value.AsSpan(3));
            return ok ? [] : [IdentityErrors.ForeignPermanentResidentCardFormat];
        }
        if (value.Length != IdNumberRules.Length || value[0] != '9' || !IdNumberRules.HasShape(value))
        {
            return [IdentityErrors.ForeignPermanentResidentCardFormat];
        }
        return IdNumberRules.HasValidCheckCharacter(value) ? [] : [IdentityErrors.ChecksumMismatch];
    }

    private static bool IsAsciiUpperLetters(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }
        return true;
    }
}
