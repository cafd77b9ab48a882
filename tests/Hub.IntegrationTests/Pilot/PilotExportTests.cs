using System.Net;
using System.Text;
using static Hub.IntegrationTests.Pilot.PilotTestData;

namespace Hub.IntegrationTests.Pilot;

public sealed class PilotExportTests(PilotHubApp app) : IClassFixture<PilotHubApp>
{
    [Fact]
    public async Task ExportAttachment3_Csv_HasTheNoticeColumnsAndTheRegistryValues()
    {
        var (client, id, schools) = await ApplicationAsync();

        using var response = await client.GetAsync($"/api/v1/pilot/applications/{id}/export/attachment-3?format=csv&platform=0&region=0");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains("序号,学校名称,学校类型,网络带宽,班级数,具备多媒体设备的班级数,学生配有移动终端的班级数,教师数,学生数", lines);
        Assert.Contains($"1,测试学校{schools[0][^4..]},小学（6年）,100M,24,20,6,60,1100", lines);
        Assert.Contains(lines, l => l.StartsWith("试点学校覆盖率,100.0%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAttachment2_Xlsx_CellsHoldTheFormInTheNoticeWording()
    {
        var (client, id, _) = await ApplicationAsync();

        using var response = await client.GetAsync($"/api/v1/pilot/applications/{id}/export/attachment-2?format=xlsx&platform=0");
        var cells = XlsxCells.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("国家数字教育资源公共服务体系建设与应用试点示范工作", cells["A1"]);
        Assert.Equal("试点平台申报表", cells["A2"]);
        Assert.Equal(("项目", "填报内容"), (cells["A3"], cells["B3"]));
        Assert.Equal(("试点申请单位", "某省电化教育馆"), (cells["A4"], cells["B4"]));
        Assert.Equal(("平台名称", "某省教育资源公共服务平台"), (cells["A13"], cells["B13"]));
        Assert.Equal(("平台注册用户（机构）：学校（个）", "1200"), (cells["A15"], cells["B15"]));
        Assert.Equal(("平台服务范围", "省（市、区）级"), (cells["A19"], cells["B19"]));
        Assert.Equal("托管机房、公有云", cells["B25"]);
    }

    [Fact]
    public async Task ExportAttachment4_Xlsx_SummaryRowsAndRecommendation()
    {
        var (client, id, _) = await ApplicationAsync();

        using var response = await client.GetAsync($"/api/v1/pilot/applications/{id}/export/attachment-4?format=xlsx");
        var cells = XlsxCells.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("省（区、市、兵团）", cells["A3"]);
        Assert.Equal(("试点工作负责人", "王五", "馆长", "13900139000"), (cells["A4"], cells["C4"], cells["E4"], cells["G4"]));
        Assert.Equal(["序号", "名称", "网址", "级别（省、地市、县区）", "服务覆盖面（文字描述）", "备注"],
            new[] { "A7", "B7", "C7", "D7", "E7", "F7" }.Select(r => cells[r]));
        Assert.Equal(("1", "某省教育资源公共服务平台", "省", "覆盖全省中小学"), (cells["A8"], cells["B8"], cells["D8"], cells["E8"]));
        Assert.Equal(("省级推荐意见", "同意推荐。\n该平台运行稳定。"), (cells["A9"], cells["B9"]));
    }

    [Fact]
    public async Task Export_UnknownFormatOrPlatform_Returns400NamingTheParameter()
    {
        var (client, id, _) = await ApplicationAsync();

        using var format = await client.GetAsync($"/api/v1/pilot/applications/{id}/export/attachment-2?format=pdf&platform=0");
        using var platform = await client.GetAsync($"/api/v1/pilot/applications/{id}/export/attachment-2?format=csv&platform=5");

        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("\"field\":\"format\"", await format.Content.ReadAsStringAsync());
        Assert.Contains("\"field\":\"platform\"", await platform.Content.ReadAsStringAsync());
    }

    private async Task<(HttpClient Client, long Id, List<string> Schools)> ApplicationAsync()
    {
        var (province, _, county) = NewCounty();
        var (client, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(client, county, 2);
        var created = await CreateAsync(client, Application(province, Region(county, schools)));
        return (client, created.GetProperty("id").GetInt64(), schools);
    }
}
