using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Catalog;

/// <summary>Chinese search over title and description (bigram phrases), filters and keyset paging.</summary>
public sealed class CatalogSearchTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly CatalogWorld _world = new(app);

    /// <summary>A Latin token only this test's resources carry, so a test sees its own data in a shared catalog.</summary>
    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Search_ChineseSubstringsOfTitleAndDescription_MatchAndNonContiguousCharactersDoNot()
    {
        var tag = Tag();
        var id = await _world.ApprovedAsync(CatalogWorld.Record(title: "春（朱自清）朗读微课 " + tag, description: "统编版七年级上册第一单元《春》的朗读与赏析"));

        foreach (var q in new[] { "朗读微课", "朱自清", "春", "第一单元", "七年级上册", "赏析", "朗读 赏析" })
        {
            Assert.Contains(id, await _world.SearchAsync("440305", $"&q={Uri.EscapeDataString(q + " " + tag)}"));
        }
        foreach (var q in new[] { "读朗", "微课朗读", "春朱", "秋", "数学" })
        {
            Assert.DoesNotContain(id, await _world.SearchAsync("440305", $"&q={Uri.EscapeDataString(q + " " + tag)}"));
        }
        // Full-width letters and case fold to the same tokens.
        Assert.Contains(id, await _world.SearchAsync("440305", $"&q={Uri.EscapeDataString("朗读 " + tag.ToUpperInvariant())}"));
    }

    [Fact]
    public async Task Search_Filters_SubjectStageGradeTypeLevelRegionCombine()
    {
        var tag = Tag();
        var chinese = await _world.ApprovedAsync(CatalogWorld.Record(title: "古诗词鉴赏 " + tag));
        var maths = await _world.ApprovedAsync(CatalogWorld.Record(title: "一元一次方程 " + tag, subject: "mathematics", stage: "junior", grades: [7], type: "courseware"));
        var primary = await _world.ApprovedAsync(CatalogWorld.Record(title: "认识图形 " + tag, subject: "mathematics", stage: "primary", grades: [1], type: "courseware"));
        var city = await _world.ApprovedAsync(CatalogWorld.Record(title: "城市课例 " + tag, level: "city", region: "440300", type: "lesson_plan"), "440300");
        var q = "&q=" + tag;

        Assert.Equal([primary, maths], await _world.SearchAsync(null, q + "&subject=mathematics"));
        Assert.Equal([maths], await _world.SearchAsync(null, q + "&subject=mathematics&stage=junior"));
        Assert.Equal([primary], await _world.SearchAsync(null, q + "&grade=1"));
        Assert.Equal([city], await _world.SearchAsync(null, q + "&type=lesson_plan"));
        Assert.Equal([city], await _world.SearchAsync(null, q + "&level=city"));
        Assert.Equal([primary, maths, chinese], await _world.SearchAsync(null, q + "&level=county&regionCode=440305"));
        Assert.Empty(await _world.SearchAsync(null, q + "&regionCode=440100"));
    }

    [Fact]
    public async Task Search_KeysetPaging_VisitsEveryResourceOnceNewestFirst()
    {
        var tag = Tag();
        var ids = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await _world.ApprovedAsync(CatalogWorld.Record(title: $"分页测试资源{i} {tag}")));
        }
        var client = await _world.PlatformAsync("440000");
        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/resources?q={tag}&limit=10" + (after is null ? "" : "&after=" + after));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            after = page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Theory]
    [InlineData("q=%E3%80%82%E3%80%82", "q")]
    [InlineData("subject=astrology", "subject")]
    [InlineData("grade=13", "grade")]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("regionCode=999999", "regionCode")]
    public async Task Search_InvalidParameter_IsRefusedNamingIt(string query, string field)
    {
        using var response = await (await _world.PlatformAsync("440305")).GetAsync("/api/v1/resources?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
