using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using static Hub.IntegrationTests.Pilot.PilotTestData;

namespace Hub.IntegrationTests.Pilot;

/// <summary>A hub with the notice's own deadlines (2017-08-20 and 2017-08-10): every submission now is late.</summary>
public sealed class NoticeDeadlineHubApp : HubApp;

public sealed class PilotDeadlineTests(NoticeDeadlineHubApp app) : IClassFixture<NoticeDeadlineHubApp>
{
    [Fact]
    public async Task Submit_AfterTheProvincialDeadline_Returns409NamingTheDeadlineAndKeepsTheDraft()
    {
        var (province, _, county) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(applicant, county, 1);
        var created = await CreateAsync(applicant, Application(province, Region(county, schools)));
        var id = created.GetProperty("id").GetInt64();

        var (response, problem) = await PostAsync(applicant, $"/api/v1/pilot/applications/{id}/submit");
        var after = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/pilot/applications/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("HUB-PIL-0013", problem.GetProperty("code").GetString());
        Assert.Contains("2017 年 8 月 20 日", problem.GetProperty("messages").GetProperty("zh-CN").GetString());
        Assert.Contains("2017-08-20", problem.GetProperty("messages").GetProperty("en").GetString());
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Equal("2017-08-20", after.GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task Submit_DirectApplicationAfterItsDeadline_NamesTheDirectDeadline()
    {
        var (_, city, county) = NewCounty();
        var (applicant, _) = await PlatformClients.CreateAsync(app, city, Hub.Server.Oidc.HubScopes.PilotApply, Hub.Server.Oidc.HubScopes.OrganizationsWrite);
        var schools = await RegisterSchoolsAsync(applicant, county, 1);
        var created = await CreateAsync(applicant, new { platforms = new[] { new { serviceRegionCode = city, form = Form("city"), regions = new[] { Region(county, schools) } } } });

        var (response, problem) = await PostAsync(applicant, $"/api/v1/pilot/applications/{created.GetProperty("id")}/submit");

        Assert.Equal("direct", created.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("2017-08-10", problem.GetProperty("messages").GetProperty("en").GetString());
    }
}
