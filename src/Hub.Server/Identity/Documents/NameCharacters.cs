using System.Text;

namespace Hub.Server.Identity.Documents;

/// <summary>Character classes and clean-up for <see cref="PersonName"/>.</summary>
internal static class NameCharacters
{
    public const char MiddleDot = '\u00B7';

    /// <summary>Look-alikes of the middle dot that input methods and fonts produce (katakana, hyphenation point, bullet…).</summary>
    private const string DotVariants = "\u00B7\u30FB\u2027\u2022\uFF65\u2219\u22C5\u0387";

    public static bool IsHan(Rune rune) => rune.Value switch
    {
        0x3007 => true, // 〇, used in a few names
        >= 0x3400 and <= 0x4DBF => true, // Extension A
        >= 0x4E00 and <= 0x9FFF => true, // URO
        >= 0xF900 and <= 0xFAFF => true, // compatibility ideographs NFC keeps (e.g. U+FA11 﨑)
        >= 0x20000 and <= 0x323AF => true, // Extensions B–I and the supplement (planes 2 and 3 hold only ideographs)
        _ => false,
    };

    public static bool IsLatinLetter(Rune rune) => rune.Value switch
    {
        >= 'A' and <= 'Z' or >= 'a' and <= 'z' => true,
        >= 0x00C0 and <= 0x024F or >= 0x1E00 and <= 0x1EFF => Rune.IsLetter(rune), // accented, incl. Vietnamese
        _ => false,
    };

    public static bool IsSeparator(Rune rune) => rune.Value is MiddleDot or '.' or '-' or '\'' or ' ';

    /// <summary>
    /// Trim, full-width to half-width, NFC, one space between words, and one spelling per separator: every middle
    /// dot variant becomes U+00B7; in a name with Chinese characters a full stop does too (阿沛.阿旺晋美), and spaces
    /// around the dot go. Does not validate.
    /// </summary>
    public static string Normalize(string? raw)
    {
        var folded = IdentityText.TrimAndFoldWidth(raw).Normalize(NormalizationForm.FormC);
        var hasHan = false;
        foreach (var rune in folded.EnumerateRunes())
        {
            hasHan |= IsHan(rune);
        }

        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            var mapped = c switch
            {
                '\u00A0' => ' ',
                '\u2018' or '\u2019' or '\u02BC' => '\'',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' => '-',
                '.' when hasHan => MiddleDot,
                _ when DotVariants.Contains(c, StringComparison.Ordinal) => MiddleDot,
                _ => c,
            };
            var last = builder.Length == 0 ? '\0' : builder[^1];
            if (mapped == ' ' && (last == ' ' || (hasHan && last == MiddleDot)))
            {
                continue;
            }
            if (mapped == MiddleDot && hasHan && last == ' ')
            {
                builder.Length--;
            }
            builder.Append(mapped);
        }
        return builder.ToString().Trim();
    }
}
