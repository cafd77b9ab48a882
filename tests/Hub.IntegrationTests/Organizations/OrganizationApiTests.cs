using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Organizations;

public sealed class OrganizationApiTests(HubApp app) : IClassFixture<HubApp>
{
    private async Task<HttpClient> Platform(string? region) =>
        (await PlatformClients.CreateAsync(app, region, HubScopes.OrganizationsRead, HubScopes.OrganizationsWrite)).Client;

    [Fact]
    public async Task AddSchool_ValidAttachment3Row_Returns201WithBandwidthInNoticeFormat()
    {
        var client = await Platform("440300");
        var code = NewSchoolCode("440305");

        using var response = await client.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305", bandwidth: "200M"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal("200M", body.GetProperty("bandwidth").GetString());
        Assert.Equal("小学（6年）", body.GetProperty("schoolType").GetString());
        Assert.Equal("南山区", body.GetProperty("regionName").GetString());
        Assert.True(body.GetProperty("primaryOrSecondary").GetBoolean());
    }

    [Theory]
    [InlineData("code", "21440000000", "HUB-ORG-0001")]
    [InlineData("code", "9944012345", "HUB-ORG-0002")]
    [InlineData("code", "2199012345", "HUB-ORG-0003")]
    [InlineData("code", "2111012345", "HUB-ORG-0004")]
    [InlineData("schoolType", "小学", "HUB-ORG-0006")]
    [InlineData("bandwidth", "100Mbps", "HUB-ORG-0007")]
    [InlineData("bandwidth", "0M", "HUB-ORG-0007")]
    [InlineData("regionCode", "440399", "HUB-ORG-0010")]
    [InlineData("regionCode", "440103", "HUB-ORG-0011")]
    public async Task AddSchool_BadField_Returns400NamingTheFieldAndStoresNothing(string field, string value, string code)
    {
        var client = await Platform("440300");
        var school = JsonSerializer.SerializeToNode(School(NewSchoolCode("440305"), "440305"))!.AsObject();
        school[field] = value;

        using var response = await client.PostAsJsonAsync("/api/v1/organizations/schools", school);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.NotEmpty(error.GetProperty("messages").GetProperty("zh-CN").GetString()!);
        using var get = await client.GetAsync($"/api/v1/organizations/{school["code"]}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task AddSchool_MoreMultimediaClassesThanClasses_Returns400()
    {
        var client = await Platform("440300");

        using var response = await client.PostAsJsonAsync("/api/v1/organizations/schools",
            School(NewSchoolCode("440305"), "440305", classes: 10, multimedia: 11));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "HUB-ORG-0009");
    }

    [Fact]
    public async Task AddSchool_SeniorTypeWithPrimaryCode_Returns400()
    {
        var client = await Platform("440300");

        using var response = await client.PostAsJsonAsync("/api/v1/organizations/schools", School(NewSchoolCode("440305", "21"), "440305", type: "普通高中"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "HUB-ORG-0013");
    }

    [Fact]
    public async Task AddSchool_SameCodeTwice_Returns409()
    {
        var client = await Platform("440300");
        var code = NewSchoolCode("440305");
        using var first = await client.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305"));

        using var second = await client.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task GetSchool_FromAnotherCity_Returns404AndWritesAuditEntry()
    {
        var shenzhen = await Platform("440300");
        var guangzhou = await Platform("440100");
        var code = NewSchoolCode("440305");
        using var created = await shenzhen.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305"));

        using var response = await guangzhou.GetAsync($"/api/v1/organizations/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.SubjectId == code && a.Action == "organization.read" && a.Outcome.StartsWith("denied")));
    }

    [Fact]
    public async Task GetSchool_FromTheProvinceAbove_Returns200()
    {
        var county = await Platform("440305");
        var province = await Platform("440000");
        var code = NewSchoolCode("440305");
        using var created = await county.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305"));

        using var response = await province.GetAsync($"/api/v1/organizations/{code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UpdateSchool_WithStaleVersion_Returns409AndKeepsTheRow()
    {
        var client = await Platform("440300");
        var code = NewSchoolCode("440305");
        using var created = await client.PostAsJsonAsync("/api/v1/organizations/schools", School(code, "440305"));
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changeVersion").GetInt64();
        var update = JsonSerializer.SerializeToNode(School(code, "440305", students: 1200))!.AsObject();
        update["expectedVersion"] = version;
        using var ok = await client.PutAsJsonAsync($"/api/v1/organizations/schools/{code}", update);

        using var stale = await client.PutAsJsonAsync($"/api/v1/organizations/schools/{code}", update);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changeVersion").GetInt64() > version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task List_CityPlatform_SeesOnlyItsSubtreeInKeysetPages()
    {
        var shenzhen = await Platform("440300");
        var guangzhou = await Platform("440100");
        var mine = new List<string>();
        foreach (var region in new[] { "440303", "440305", "440307" })
        {
            var code = NewSchoolCode(region);
            mine.Add(code);
            using var _ = await shenzhen.PostAsJsonAsync("/api/v1/organizations/schools", School(code, region));
        }
        var foreign = NewSchoolCode("440106");
        using var other = await guangzhou.PostAsJsonAsync("/api/v1/organizations/schools", School(foreign, "440106"));

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await shenzhen.GetFromJsonAsync<JsonElement>($"/api/v1/organizations?kind=school&limit=2{(after is null ? "" : "&after=" + after)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Superset(mine.ToHashSet(), seen.ToHashSet());
        Assert.All(seen, c => Assert.Equal("44", c[2..4]));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.DoesNotContain(foreign, seen);
    }

    [Fact]
    public async Task AddBureau_CountyRegion_CreatesCountyLevelBureau()
    {
        var client = await Platform("440300");

        using var response = await client.PostAsJsonAsync("/api/v1/organizations/bureaus", new { regionCode = "440306", name = "宝安区教育局" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("EB440306", body.GetProperty("code").GetString());
        Assert.Equal("county", body.GetProperty("level").GetString());
    }
}
