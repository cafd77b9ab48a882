using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace Hub.Server.Catalog;

/// <summary>
/// Chinese search without server extensions (specs/data/resource.md, "Search"): PostgreSQL's parsers do not segment
/// Chinese, so the hub writes the tokens itself. A run of CJK characters becomes its overlapping bigrams in order
/// (语文课本 → 语文 文课 课本), followed by its single characters; a run of letters or digits becomes one lower-cased
/// word. They go through to_tsvector('simple', …) (no stemming, no stop words), which keeps their positions. A query
/// term of two or more CJK characters is the phrase of its bigrams (语文课 → 语文 &lt;-&gt; 文课), so it matches exactly
/// where that substring occurs; one CJK character matches the character anywhere; a Latin or digit term is a prefix.
/// </summary>
public static class CatalogText
{
    public const int MaxQueryLength = 100;

    /// <summary>The text to_tsvector('simple', …) indexes for a resource.</summary>
    public static string Document(string title, string? description, IEnumerable<string> keywords)
    {
        var bigrams = new StringBuilder();
        var singles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (run, cjk) in Runs(string.Join('\n', [title, description ?? "", .. keywords])))
        {
            if (!cjk)
            {
                bigrams.Append(run).Append(' ');
                continue;
            }
            var chars = Elements(run);
            for (var i = 0; i + 1 < chars.Count; i++)
            {
                bigrams.Append(chars[i]).Append(chars[i + 1]).Append(' ');
            }
            // Bigrams of two runs may sit side by side, but a phrase across them would need the bigram spanning the
            // boundary, which is never written: no false match.
            singles.UnionWith(chars);
        }
        return bigrams.Append(string.Join(' ', singles.Order(StringComparer.Ordinal))).ToString();
    }

    /// <summary>The query for a search text, or null when it has no searchable character.</summary>
    public static NpgsqlTsQuery? Query(string text)
    {
        NpgsqlTsQuery? query = null;
        foreach (var (run, cjk) in Runs(text))
        {
            NpgsqlTsQuery term;
            if (!cjk)
            {
                term = new NpgsqlTsQueryLexeme(run, NpgsqlTsQueryLexeme.Weight.None, true);
            }
            else
            {
                var chars = Elements(run);
                if (chars.Count == 1)
                {
                    term = new NpgsqlTsQueryLexeme(chars[0]);
                }
                else
                {
                    term = new NpgsqlTsQueryLexeme(chars[0] + chars[1]);
                    for (var i = 1; i + 1 < chars.Count; i++)
                    {
                        term = new NpgsqlTsQueryFollowedBy(term, 1, new NpgsqlTsQueryLexeme(chars[i] + chars[i + 1]));
                    }
                }
            }
            query = query is null ? term : new NpgsqlTsQueryAnd(query, term);
        }
        return query;
    }

    /// <summary>Runs of CJK characters and runs of letters or digits, normalized (NFKC: full-width to half-width; lower case).</summary>
    public static IEnumerable<(string Run, bool Cjk)> Runs(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var run = new StringBuilder();
        var cjk = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var kind = Kind(rune);
            if (kind == 0 || (run.Length > 0 && (kind == 2) != cjk))
            {
                if (run.Length > 0)
                {
                    yield return (run.ToString(), cjk);
                    run.Clear();
                }
            }
            if (kind != 0)
            {
                cjk = kind == 2;
                run.Append(rune.ToString());
                // Long Latin words are cut so no lexeme exceeds PostgreSQL's limits.
                if (!cjk && run.Length >= 50)
                {
                    yield return (run.ToString(), false);
                    run.Clear();
                }
            }
        }
        if (run.Length > 0)
        {
            yield return (run.ToString(), cjk);
        }
    }

    /// <summary>0 separator, 1 letter or digit (alphabetic scripts), 2 CJK (Han, kana, hangul: no spaces between words).</summary>
    private static int Kind(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category == UnicodeCategory.OtherLetter)
        {
            return 2;
        }
        return category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ModifierLetter ? 1 : 0;
    }

    private static List<string> Elements(string run) => [.. run.EnumerateRunes().Select(r => r.ToString())];
}
