using Hub.Server.Catalog;

namespace Hub.UnitTests.Catalog;

/// <summary>The bigram tokens behind Chinese search: every substring of the text is a phrase of consecutive tokens; reorderings are not.</summary>
public sealed class CatalogTextTests
{
    private const string Han = "春夏秋冬语文数学朗读微课第一单元统编版年级上下册古诗词鉴赏方程图形";

    [Fact]
    public void Document_AnySubstringOfRandomChineseText_IsAConsecutivePhraseOfItsBigrams()
    {
        var random = new Random(20261124);
        for (var round = 0; round < 300; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(2, 40)).Select(_ => Han[random.Next(Han.Length)])]);
            var tokens = CatalogText.Document(text, null, []).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = random.Next(text.Length - 1);
            var sub = text.Substring(start, random.Next(2, text.Length - start + 1));
            var phrase = Enumerable.Range(0, sub.Length - 1).Select(i => sub.Substring(i, 2)).ToArray();

            Assert.True(Enumerable.Range(0, tokens.Length - phrase.Length + 1).Any(p => tokens.Skip(p).Take(phrase.Length).SequenceEqual(phrase)),
                $"{sub} in {text}");
            var query = CatalogText.Query(sub)!.ToString();
            Assert.Equal(phrase, System.Text.RegularExpressions.Regex.Matches(query, "'([^']+)'").Select(m => m.Groups[1].Value));
            Assert.Equal(phrase.Length - 1, System.Text.RegularExpressions.Regex.Count(query, "<->"));
        }
    }

    [Fact]
    public void Document_SingleCharactersAndLatinWords_AreTokensNormalized()
    {
        var tokens = CatalogText.Document("ＡＢＣ 勾股定理 Unit3", "描述", ["关键词"]).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("abc", tokens);
        Assert.Contains("unit3", tokens);
        Assert.Contains("股", tokens);
        Assert.Contains("定理", tokens);
        Assert.Contains("键词", tokens);
        Assert.DoesNotContain("理描", tokens);
    }

    [Theory]
    [InlineData("。，！", false)]
    [InlineData("  ", false)]
    [InlineData("语", true)]
    [InlineData("ab 语文", true)]
    public void Query_NeedsASearchableCharacter(string text, bool searchable) =>
        Assert.Equal(searchable, CatalogText.Query(text) is not null);
}
