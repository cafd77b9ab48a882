using System.Text.RegularExpressions;
using Hub.Server.Problems;
using Hub.Testing;

namespace Hub.UnitTests.Problems;

public sealed partial class ErrorCatalogTests
{
    [Fact]
    public void Catalog_EveryCode_IsUniqueWellFormedAndBilingual()
    {
        Assert.NotEmpty(ErrorCatalog.All);
        Assert.Equal(ErrorCatalog.All.Count, ErrorCatalog.All.Select(e => e.Code).Distinct().Count());
        Assert.All(ErrorCatalog.All, e =>
        {
            Assert.Matches(CodeShape(), e.Code);
            Assert.InRange(e.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(e.MessageZh));
            Assert.False(string.IsNullOrWhiteSpace(e.MessageEn));
        });
    }

    [Fact]
    public void SpecTable_ComparedWithCode_ListsExactlyTheSameCodesAndStatuses()
    {
        var table = File.ReadAllLines(RepositoryRoot.File("specs", "errors.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["code"].Value, m => int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture));

        var inCode = ErrorCatalog.All.ToDictionary(e => e.Code, e => e.Status);

        Assert.Equal(inCode.OrderBy(kv => kv.Key, StringComparer.Ordinal), table.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^HUB-[A-Z]{2,4}-\d{4}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^\|\s*`(?<code>HUB-[A-Z]{2,4}-\d{4})`\s*\|\s*(?<status>\d{3})\s*\|")]
    private static partial Regex TableRow();
}
