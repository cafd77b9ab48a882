using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Organizations;

public sealed class SchoolImportTests(HubApp app) : IClassFixture<HubApp>
{
    private const string Header = "学校标识码,学校名称,学校类型,所在地区代码,网络带宽,班级数,具备多媒体设备的班级数,学生配有移动终端的班级数,教师数,学生数";

    private async Task<HttpClient> Platform() =>
        (await PlatformClients.CreateAsync(app, "440300", HubScopes.OrganizationsRead, HubScopes.OrganizationsWrite)).Client;

    private static StringContent Csv(params string[] rows) =>
        new("\uFEFF" + string.Join("\r\n", [Header, .. rows]) + "\r\n", Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Import_NoticeHeadersWithQuotedName_CreatesThenUpdatesAllRows()
    {
        var client = await Platform();
        var (a, b) = (NewSchoolCode("440305"), NewSchoolCode("440306", "31"));

        using var first = await client.PostAsync("/api/v1/organizations/schools/import", Csv(
            $"{a},\"深圳市南山区第一小学, 南校区\",小学（6年）,440305,100M,24,24,6,60,1100",
            $"{b},宝安区实验初中,普通初中,440306,200M,30,28,10,90,1500"));
        using var second = await client.PostAsync("/api/v1/organizations/schools/import", Csv(
            $"{a},深圳市南山区第一小学,小学（6年）,440305,1000M,24,24,24,60,1120"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updated").GetInt32());
        var school = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{a}");
        Assert.Equal("1000M", school.GetProperty("bandwidth").GetString());
        Assert.Equal(1120, school.GetProperty("studentCount").GetInt32());
    }

    [Fact]
    public async Task Import_OneBadRowAmongGood_Returns400NamingRowAndFieldAndStoresNothing()
    {
        var client = await Platform();
        var (good, bad) = (NewSchoolCode("440305"), NewSchoolCode("440305"));

        using var response = await client.PostAsync("/api/v1/organizations/schools/import", Csv(
            $"{good},好学校,小学（6年）,440305,100M,24,24,6,60,1100",
            $"{bad},坏学校,小学（6年）,440305,100兆,24,24,6,60,1100"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("rows[1].bandwidth", error.GetProperty("field").GetString());
        using var get = await client.GetAsync($"/api/v1/organizations/{good}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Import_SameCodeTwiceInFile_Returns400OnTheSecondRow()
    {
        var client = await Platform();
        var code = NewSchoolCode("440305");
        var row = $"{code},学校,小学（6年）,440305,100M,24,24,6,60,1100";

        using var response = await client.PostAsync("/api/v1/organizations/schools/import", Csv(row, row));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("rows[1].code", Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Import_MissingColumn_Returns400NamingTheColumn()
    {
        var client = await Platform();
        using var content = new StringContent("学校标识码,学校名称\r\n2144000001,x\r\n", Encoding.UTF8, "text/csv");

        using var response = await client.PostAsync("/api/v1/organizations/schools/import", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("HUB-ORG-0015", error.GetProperty("code").GetString());
        Assert.Equal("schoolType", error.GetProperty("field").GetString());
    }
}
