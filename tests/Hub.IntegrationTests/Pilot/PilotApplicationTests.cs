using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Pilot.PilotTestData;

namespace Hub.IntegrationTests.Pilot;

public sealed class PilotApplicationTests(PilotHubApp app) : IClassFixture<PilotHubApp>
{
    [Fact]
    public async Task Application_SubmittedScoredApprovedPublished_AppearsInPublicList()
    {
        var (province, _, county) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(applicant, county, 4);
        var created = await CreateAsync(applicant, Application(province, Region(county, schools)));
        var id = created.GetProperty("id").GetInt64();
        var (expert1, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PilotReview);
        var (expert2, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PilotReview);
        var (centre, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PilotDecide);

        var (submit, submitted) = await PostAsync(applicant, $"/api/v1/pilot/applications/{id}/submit");
        using var score1 = await expert1.PutAsJsonAsync($"/api/v1/pilot/applications/{id}/scoring", Scores(20, 22, 18, 24, "平台运行稳定"));
        using var score2 = await expert2.PutAsJsonAsync($"/api/v1/pilot/applications/{id}/scoring", Scores(22, 20, 20, 25, "资源供给有创新"));
        var review = await centre.GetFromJsonAsync<JsonElement>($"/api/v1/pilot/applications/{id}/review");
        var (decide, _) = await PostAsync(centre, $"/api/v1/pilot/applications/{id}/decision", new { approve = true, reason = "专家评审通过" });
        var (publish, published) = await PostAsync(centre, $"/api/v1/pilot/applications/{id}/publish");
        var list = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pilot/published");

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        var coverage = Assert.Single(submitted.GetProperty("coverage").EnumerateArray());
        Assert.Equal("100.0%", coverage.GetProperty("percent").GetString());
        Assert.Equal(HttpStatusCode.OK, score1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, score2.StatusCode);
        Assert.Equal(2, review.GetProperty("experts").GetInt32());
        Assert.Equal(21m, review.GetProperty("indicators")[0].GetProperty("average").GetDecimal());
        Assert.Equal(85.5m, review.GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, decide.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal("published", published.GetProperty("status").GetString());
        var platform = Assert.Single(list.EnumerateArray(), p => p.GetProperty("applicationId").GetInt64() == id);
        Assert.Equal(county, Assert.Single(platform.GetProperty("regions").EnumerateArray()).GetProperty("regionCode").GetString());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .Where(a => a.SubjectType == "pilot_application" && a.SubjectId == key).Select(a => a.Action).ToListAsync();
        Assert.Superset(new HashSet<string> { "pilot.create", "pilot.submit", "pilot.score", "pilot.approve", "pilot.publish" }, actions.ToHashSet());
        // The approval started the platform's access (接入) application under its service region, waiting for review.
        var access = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Hub.Server.Platforms.PlatformAccess>()
            .SingleAsync(a => a.Origin == "pilot:" + key);
        Assert.Equal(Hub.Server.Platforms.PlatformAccessStatus.Submitted, access.Status);
    }

    [Fact]
    public async Task Submit_FourPilotRegions_Returns400NamingTheRegionList()
    {
        var (province, _, county) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(applicant, county, 1);
        var region = Region(county, schools);
        var created = await CreateAsync(applicant, Application(province, region, region, region, region));

        var (response, problem) = await PostAsync(applicant, $"/api/v1/pilot/applications/{created.GetProperty("id")}/submit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(("platforms[0].regions", "HUB-PIL-0002"), Errors(problem));
    }

    [Theory]
    [InlineData(20, 17, true)] // 85.0 %
    [InlineData(13, 11, false)] // 84.6 %
    public async Task Submit_CoverageFromTheRegistry_AcceptedFrom85Percent(int registered, int listed, bool accepted)
    {
        var (province, _, county) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(applicant, county, registered);
        var created = await CreateAsync(applicant, Application(province, Region(county, schools.Take(listed))));

        var (response, body) = await PostAsync(applicant, $"/api/v1/pilot/applications/{created.GetProperty("id")}/submit");

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        if (!accepted)
        {
            var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
            Assert.Equal("platforms[0].regions[0].schools", error.GetProperty("field").GetString());
            Assert.Equal("HUB-PIL-0011", error.GetProperty("code").GetString());
            Assert.Contains("84.6%", error.GetProperty("messages").GetProperty("zh-CN").GetString());
        }
    }

    [Fact]
    public async Task Submit_ForeignUnknownAndForgedCodes_Returns400NamingEachFieldAndChangesNothing()
    {
        var (province, _, county) = NewCounty();
        var (_, _, other) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var (otherProvince, _) = await Province(app, other[..2] + "0000");
        var schools = await RegisterSchoolsAsync(applicant, county, 2);
        var foreign = (await RegisterSchoolsAsync(otherProvince, other, 1))[0];
        var unregistered = Organizations.OrganizationTestData.NewSchoolCode(county);
        var created = await CreateAsync(applicant, Application(province,
            Region(county, [.. schools, foreign, unregistered, "21ABCDEFGH"]), Region(province[..2] + "9999", schools)));
        var id = created.GetProperty("id").GetInt64();

        var (response, problem) = await PostAsync(applicant, $"/api/v1/pilot/applications/{id}/submit");
        var after = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/pilot/applications/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Errors(problem).ToList();
        Assert.Contains(("platforms[0].regions[0].schools[2]", "HUB-PIL-0008"), errors);
        Assert.Contains(("platforms[0].regions[0].schools[3]", "HUB-PIL-0007"), errors);
        Assert.Contains(("platforms[0].regions[0].schools[4]", "HUB-PIL-0007"), errors);
        Assert.Contains(("platforms[0].regions[1].regionCode", "HUB-PIL-0003"), errors);
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("changeVersion").GetInt64(), after.GetProperty("changeVersion").GetInt64());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .AnyAsync(a => a.Action == "pilot.submit" && a.SubjectId == key));
    }

    [Fact]
    public async Task Score_OutOfRangeOrMissingIndicator_Returns400NamingEachScore()
    {
        var (id, _) = await SubmittedApplicationAsync();
        var (expert, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PilotReview);

        using var response = await expert.PutAsJsonAsync($"/api/v1/pilot/applications/{id}/scoring", new
        {
            scores = new Dictionary<string, decimal> { ["platformSecurity"] = 26, ["supplyModel"] = -1, ["normalizedUse"] = 10.25m },
            opinion = "",
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["opinion", "scores.normalizedUse", "scores.platformSecurity", "scores.supplyModel", "scores.supportServices"],
            Errors(problem).Select(e => e.Field).Order());
    }

    [Fact]
    public async Task Decide_ByProvincialCaller_Returns403AndKeepsTheStatus()
    {
        var (id, province) = await SubmittedApplicationAsync();
        var (provincial, _) = await PlatformClients.CreateAsync(app, province, HubScopes.PilotDecide, HubScopes.PilotApply);
        var (reviewer, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PilotReview);

        var (byProvince, problem) = await PostAsync(provincial, $"/api/v1/pilot/applications/{id}/decision", new { approve = true });
        var (byReviewer, _) = await PostAsync(reviewer, $"/api/v1/pilot/applications/{id}/decision", new { approve = true });
        var after = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/pilot/applications/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, byProvince.StatusCode);
        Assert.Equal("HUB-PIL-0020", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal("submitted", after.GetProperty("status").GetString());
    }

    private async Task<(long Id, string Province)> SubmittedApplicationAsync()
    {
        var (province, _, county) = NewCounty();
        var (applicant, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(applicant, county, 2);
        var created = await CreateAsync(applicant, Application(province, Region(county, schools)));
        var id = created.GetProperty("id").GetInt64();
        var (submit, _) = await PostAsync(applicant, $"/api/v1/pilot/applications/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        return (id, province);
    }

    private static object Scores(decimal a, decimal b, decimal c, decimal d, string opinion) => new
    {
        scores = new Dictionary<string, decimal> { ["platformSecurity"] = a, ["supplyModel"] = b, ["normalizedUse"] = c, ["supportServices"] = d },
        opinion,
    };
}
