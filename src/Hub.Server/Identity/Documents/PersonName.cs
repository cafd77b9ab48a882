using System.Diagnostics.CodeAnalysis;
using System.Text;
using Hub.Server.Problems;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// A validated person name: 1–50 characters (Unicode scalar values, so an Extension B character counts once) of
/// either Chinese characters with <c>·</c> between parts (欧阳娜娜, 阿沛·阿旺晋美) or Latin letters with spaces,
/// hyphens, apostrophes and dots (Anne-Marie O'Neil). Digits, symbols, emoji and other scripts are rejected.
/// </summary>
public sealed record PersonName
{
    public const int MaxLength = 50;

    private PersonName(string value, PersonNameScript script)
    {
        Value = value;
        Script = script;
    }

    /// <summary>The normalized name (see <see cref="Normalize"/>).</summary>
    public string Value { get; }

    public PersonNameScript Script { get; }

    /// <summary>Trim, full-width to half-width, NFC, single spaces, every middle-dot variant as U+00B7. Does not validate.</summary>
    public static string Normalize(string? raw) => NameCharacters.Normalize(raw);

    public static Validated<PersonName> Validate(string? raw)
    {
        var value = Normalize(raw);
        if (value.Length == 0)
        {
            return new([IdentityErrors.NameRequired]);
        }

        var runes = value.EnumerateRunes().ToList();
        var errors = new List<ErrorDefinition>(2);
        if (runes.Count > MaxLength)
        {
            errors.Add(IdentityErrors.NameTooLong);
        }
        var han = runes.Count(NameCharacters.IsHan);
        var latin = runes.Count(NameCharacters.IsLatinLetter);
        var script = han > 0 ? PersonNameScript.Chinese : PersonNameScript.Latin;
        var allowed = runes.All(r => NameCharacters.IsHan(r) || NameCharacters.IsLatinLetter(r) || NameCharacters.IsSeparator(r));
        if (!allowed || han + latin == 0)
        {
            errors.Add(IdentityErrors.NameInvalidCharacters);
        }
        else if (han > 0 && latin > 0)
        {
            errors.Add(IdentityErrors.NameMixedScripts);
        }
        else if (script == PersonNameScript.Chinese && runes.Any(r => NameCharacters.IsSeparator(r) && r.Value != NameCharacters.MiddleDot))
        {
            // Only the middle dot separates parts of a Chinese name; "张 三" or "张-三" is an input error.
            errors.Add(IdentityErrors.NameInvalidCharacters);
        }
        else if (!SeparatorsWellPlaced(runes, script))
        {
            errors.Add(IdentityErrors.NameMisplacedSeparator);
        }
        return errors.Count == 0 ? new(new PersonName(value, script)) : new(errors);
    }

    public static bool TryParse(string? raw, [NotNullWhen(true)] out PersonName? name)
    {
        name = Validate(raw).Value;
        return name is not null;
    }

    /// <summary>
    /// A display form that hides the name: Chinese names keep the first and last character (张三 → 张*,
    /// 张小三 → 张*三, 欧阳小明 → 欧**明, dots kept); Latin names keep the first letter of each space- or
    /// hyphen-separated part (Anne-Marie O'Neil → A***-M**** O'****). Never throws; invalid input is masked too.
    /// </summary>
    public static string Mask(string? name)
    {
        var runes = Normalize(name).EnumerateRunes().ToList();
        var builder = new StringBuilder();
        if (runes.Exists(NameCharacters.IsHan))
        {
            var letters = runes.Count(r => r.Value != NameCharacters.MiddleDot);
            var seen = 0;
            foreach (var rune in runes)
            {
                if (rune.Value == NameCharacters.MiddleDot)
                {
                    builder.Append(NameCharacters.MiddleDot);
                    continue;
                }
                seen++;
                var keep = letters > 1 && (seen == 1 || (seen == letters && letters > 2));
                builder.Append(keep ? rune.ToString() : "*");
            }
            return builder.ToString();
        }

        var partStart = true;
        foreach (var rune in runes)
        {
            if (NameCharacters.IsSeparator(rune))
            {
                builder.Append(rune.ToString());
                partStart |= rune.Value is ' ' or '-';
                continue;
            }
            builder.Append(partStart ? rune.ToString() : "*");
            partStart = false;
        }
        return builder.ToString();
    }

    public override string ToString() => Value;

    // Separators sit between letters, one at a time; a Latin name may end in a dot ("Jr.") and a dot may be followed
    // by a space ("John F. Kennedy").
    private static bool SeparatorsWellPlaced(List<Rune> runes, PersonNameScript script)
    {
        if (NameCharacters.IsSeparator(runes[0]))
        {
            return false;
        }
        var last = runes[^1];
        if (NameCharacters.IsSeparator(last) && !(script == PersonNameScript.Latin && last.Value == '.'))
        {
            return false;
        }
        for (var i = 1; i < runes.Count; i++)
        {
            var previous = runes[i - 1].Value;
            var current = runes[i].Value;
            if (NameCharacters.IsSeparator(runes[i - 1]) && NameCharacters.IsSeparator(runes[i]) && !(previous == '.' && current == ' '))
            {
                return false;
            }
        }
        return true;
    }
}
