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
        var lines = File.ReadAllLines(RepositoryRoot.File("specs", "errors.md"));
        var malformed = lines.Where(l => l.StartsWith("| `HUB-", StringComparison.Ordinal) && !TableRow().IsMatch(l)).ToList();
        var rows = lines.Select(line => TableRow().Match(line)).Where(m => m.Success)
            .Select(m => (Code: m.Groups["code"].Value, Status: int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var duplicates = rows.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var table = rows.DistinctBy(r => r.Code).ToDictionary(r => r.Code, r => r.Status);
        var inCode = ErrorCatalog.All.ToDictionary(e => e.Code, e => e.Status);

        var onlyInCode = inCode.Keys.Except(table.Keys).ToList();
        var onlyInTable = table.Keys.Except(inCode.Keys).ToList();
        var statusDiffers = inCode.Where(kv => table.TryGetValue(kv.Key, out var s) && s != kv.Value).Select(kv => $"{kv.Key} ({kv.Value} in code, {table[kv.Key]} in the table)").ToList();
        Assert.True(malformed.Count + duplicates.Count + onlyInCode.Count + onlyInTable.Count + statusDiffers.Count == 0,
            "specs/errors.md and ErrorCatalog differ:"
            + $"\n  in code, missing from the table: {string.Join(", ", onlyInCode)}"
            + $"\n  in the table, not in code: {string.Join(", ", onlyInTable)}"
            + $"\n  status differs: {string.Join(", ", statusDiffers)}"
            + $"\n  listed twice: {string.Join(", ", duplicates)}"
            + $"\n  malformed rows: {string.Join(" / ", malformed)}");
    }

    [Fact]
    public void SourceCode_EveryCodeLiteral_IsInTheCatalog()
    {
        // The catalog finds public static fields by reflection; a code declared any other way (internal, inline) would
        // reach clients without being published. Every literal in the server's source must therefore be in the catalog.
        var known = ErrorCatalog.All.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var stray = Directory.EnumerateFiles(RepositoryRoot.File("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodeLiteral().Matches(File.ReadAllText(f)).Select(m => $"{m.Groups[1].Value} in {Path.GetFileName(f)}"))
            .Where(hit => !known.Contains(hit.Split(' ')[0]))
            .ToList();

        Assert.True(stray.Count == 0, "error codes in the source that ErrorCatalog does not hold: " + string.Join(", ", stray));
    }

    [Fact]
    public void Specs_EveryCodeMentioned_Exists()
    {
        var known = ErrorCatalog.All.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = Directory.EnumerateFiles(RepositoryRoot.File("specs"), "*.md", SearchOption.AllDirectories)
            .SelectMany(f => MentionedCode().Matches(File.ReadAllText(f)).Select(m => (Code: m.Value, File: Path.GetRelativePath(RepositoryRoot.Path, f))))
            .Where(hit => !known.Contains(hit.Code))
            .Select(hit => $"{hit.Code} in {hit.File}")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, "the specs name error codes the hub does not have: " + string.Join(", ", unknown));
    }

    [GeneratedRegex("\"(HUB-[A-Z]{2,4}-\\d{4})\"")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"HUB-[A-Z]{2,4}-\d{4}")]
    private static partial Regex MentionedCode();

    [GeneratedRegex(@"^HUB-[A-Z]{2,4}-\d{4}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^\|\s*`(?<code>HUB-[A-Z]{2,4}-\d{4})`\s*\|\s*(?<status>\d{3})\s*\|")]
    private static partial Regex TableRow();
}
