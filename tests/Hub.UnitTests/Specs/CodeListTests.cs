using System.Text.Json;
using Hub.Server.Apps;
using Hub.Server.Identity;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Support;
using Hub.Testing;

namespace Hub.UnitTests.Specs;

/// <summary>
/// The code lists published in specs/data/codes are the ones the code validates against: same codes, same names,
/// and the labels the code shows people. Lists the code does not hold yet (resource types, licences, usage event types,
/// origin levels) are published for the resource catalog and checked for shape by tests/checks/specs.sh.
/// </summary>
public sealed class CodeListTests
{
    private sealed record Entry(string Code, string Name, string Zh, string En, string[]? CodeTypes, bool? PrimaryOrSecondary);

    private static List<Entry> Published(string id)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("specs", "data", "codes", id + ".json")));
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        return [.. json.RootElement.GetProperty("codes").EnumerateArray().Select(c => new Entry(
            c.GetProperty("code").ToString(),
            c.GetProperty("name").GetString()!,
            c.GetProperty("zh-CN").GetString()!,
            c.GetProperty("en").GetString()!,
            c.TryGetProperty("codeTypes", out var types) ? [.. types.EnumerateArray().Select(t => t.GetString()!)] : null,
            c.TryGetProperty("primaryOrSecondary", out var ps) ? ps.GetBoolean() : null))];
    }

    private static void AssertEnum<T>(string id) where T : struct, Enum
    {
        var published = Published(id).Select(e => (e.Code, e.Name));
        var inCode = Enum.GetValues<T>().Select(v => (Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), v.ToString()));
        Assert.Equal(inCode, published);
    }

    /// <summary>Enums the API writes by name (status, verification level): the code is the name.</summary>
    private static void AssertNamedEnum<T>(string id) where T : struct, Enum =>
        Assert.Equal(Enum.GetNames<T>().Select(n => (n, n)), Published(id).Select(e => (e.Code, e.Name)));

    [Fact]
    public void Roles_Published_EqualPersonRole() => AssertEnum<PersonRole>("roles");

    [Fact]
    public void Genders_Published_EqualGender() => AssertEnum<Gender>("genders");

    [Fact]
    public void PersonStatuses_Published_EqualPersonStatus() => AssertNamedEnum<PersonStatus>("person-statuses");

    [Fact]
    public void VerificationLevels_Published_EqualVerificationLevel() => AssertNamedEnum<VerificationLevel>("verification-levels");

    [Fact]
    public void DocumentTypes_Published_EqualDocumentTypeWithItsNames()
    {
        AssertEnum<DocumentType>("document-types");
        Assert.Equal(Enum.GetValues<DocumentType>().Select(t => (t.DisplayNameZh(), t.DisplayNameEn())),
            Published("document-types").Select(e => (e.Zh, e.En)));
    }

    [Fact]
    public void SchoolTypes_Published_EqualSchoolTypesWithLabelsAndCodeTypes()
    {
        var published = Published("school-types");

        Assert.Equal(SchoolTypes.All.Select(t => (SchoolTypes.Label(t), t.ToString(), SchoolTypes.EnglishLabel(t))),
            published.Select(e => (e.Code, e.Name, e.En)));
        Assert.All(published, e => Assert.Equal(e.Code, e.Zh));
        foreach (var entry in published)
        {
            var type = SchoolTypes.Parse(entry.Code)!.Value;
            Assert.Equal(SchoolCode.Types.Where(c => SchoolTypes.FitsCodeType(type, c)).Order(StringComparer.Ordinal), entry.CodeTypes!);
        }
    }

    [Fact]
    public void SchoolCodeTypes_Published_EqualSchoolCodeTypes()
    {
        var published = Published("school-code-types");

        Assert.Equal(SchoolCode.Types.Order(StringComparer.Ordinal), published.Select(e => e.Code));
        Assert.All(published, e => Assert.Equal(SchoolCode.IsPrimaryOrSecondaryType(e.Code + "44000001"), e.PrimaryOrSecondary ?? false));
    }

    [Fact]
    public void AppCategories_Published_EqualAppCategoriesWithLabels() =>
        Assert.Equal(AppCategories.All.Select(c => (AppCategories.Code(c), c.ToString(), AppCategories.Label(c), AppCategories.EnglishLabel(c))),
            Published("app-categories").Select(e => (e.Code, e.Name, e.Zh, e.En)));

    [Fact]
    public void Stages_Published_EqualSchoolStageWithLabels() =>
        Assert.Equal(Enum.GetValues<SchoolStage>().Select(s => (SupportCodes.Wire(s), s.ToString(), SupportCodes.Label(s))),
            Published("stages").Select(e => (e.Code, e.Name, e.Zh)));

    [Fact]
    public void Subjects_Published_HoldEverySubjectTheCodeUsesWithItsLabels()
    {
        var published = Published("subjects").ToDictionary(e => e.Code, e => (e.Zh, e.En), StringComparer.Ordinal);

        Assert.All(SupportCodes.Subjects, s => Assert.Equal(s.Value, published.GetValueOrDefault(s.Key)));
    }
}
