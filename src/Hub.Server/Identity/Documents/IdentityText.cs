using System.Text;

namespace Hub.Server.Identity.Documents;

/// <summary>Input clean-up shared by documents, student numbers and names.</summary>
internal static class IdentityText
{
    /// <summary>
    /// Trims (including the ideographic space) and folds full-width ASCII (U+FF01–U+FF5E, U+3000) to half-width,
    /// because Chinese input methods produce them and they look identical to users.
    /// </summary>
    public static string TrimAndFoldWidth(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }
        return builder.ToString().Trim();
    }

    public static bool IsAsciiDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsAsciiLettersOrDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A form of a document number that is safe in logs: the first 3 and last 4 characters of longer numbers,
    /// first and last of shorter ones.
    /// </summary>
    public static string MaskNumber(string value) => value.Length switch
    {
        < 5 => new string('*', value.Length),
        < 10 => string.Concat(value.AsSpan(0, 1), new string('*', value.Length - 2), value.AsSpan(value.Length - 1)),
        _ => string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4)),
    };
}
