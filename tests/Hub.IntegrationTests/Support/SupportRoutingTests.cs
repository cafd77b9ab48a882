using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Regions;
using Hub.Server.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.IntegrationTests.Support;

/// <summary>Routing: county first, then city and province; guidance to the expert pool; never outside the school's region chain.</summary>
public sealed class SupportRoutingTests(SupportHubApp app) : IClassFixture<SupportHubApp>
{
    private static string Region(JsonElement request) => request.GetProperty("assignment").GetProperty("regionCode").GetString()!;

    [Fact]
    public async Task File_CountyTeamInHours_AssignedToTheCountyWithANumber()
    {
        var s = await SupportScenario.CreateAsync(app);
        var county = await s.TeamAsync(s.County);
        await s.TeamAsync(s.City);

        var request = await s.FiledAsync();
        var second = await s.FiledAsync();

        Assert.Equal("assigned", request.GetProperty("status").GetString());
        Assert.Equal(county, request.GetProperty("assignment").GetProperty("teamId").GetInt64());
        Assert.Matches(new Regex($"^SR-{s.County}-20\\d\\d-\\d{{6}}$"), request.GetProperty("number").GetString());
        Assert.NotEqual(request.GetProperty("number").GetString(), second.GetProperty("number").GetString());
        Assert.Equal(["file", "route"], request.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task File_CountyTeamOutOfHours_GoesToTheCityTeamInHours()
    {
        var s = await SupportScenario.CreateAsync(app);
        var today = (int)DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DayOfWeek;
        var isoToday = today == 0 ? 7 : today;
        await s.TeamAsync(s.County, days: [.. Enumerable.Range(1, 7).Where(d => d != isoToday)]);
        await s.TeamAsync(s.City);

        Assert.Equal(s.City, Region(await s.FiledAsync()));
    }

    [Fact]
    public async Task File_OnlyTeamOutOfHours_StillAssignedToItRatherThanLost()
    {
        var s = await SupportScenario.CreateAsync(app);
        var today = (int)DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DayOfWeek;
        await s.TeamAsync(s.County, days: [today == 0 ? 1 : today == 6 ? 1 : today + 1]);

        Assert.Equal(s.County, Region(await s.FiledAsync()));
    }

    [Fact]
    public async Task File_NoTeamForTheKindBelow_EscalatesToTheProvince()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County, kinds: ["network"]);
        await s.TeamAsync(s.City, kinds: ["training"]);
        await s.TeamAsync(s.Province, kinds: ["equipment_fault"]);

        Assert.Equal(s.Province, Region(await s.FiledAsync("equipment_fault")));
        Assert.Equal(s.County, Region(await s.FiledAsync("network")));
    }

    [Fact]
    public async Task File_Guidance_GoesToTheExpertMatchedBySubjectAndStage()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var math = await ExpertAsync(s, s.City, ["mathematics"], ["primary"]);
        var chinese = await ExpertAsync(s, s.Province, ["chinese"], ["junior", "senior"]);

        var request = await s.FiledAsync("guidance", subject: "chinese", stage: "junior");
        var (missing, problem) = await s.FileAsync("guidance");

        Assert.Equal(chinese, request.GetProperty("assignment").GetProperty("expertId").GetInt64());
        Assert.Equal(s.Province, Region(request));
        Assert.NotEqual(math, chinese);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["stage", "subject"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
    }

    [Fact]
    public async Task File_NoTeamAnywhere_StaysNewUntilTheCheckerFindsATeam()
    {
        var s = await SupportScenario.CreateAsync(app);
        var request = await s.FiledAsync("training");
        Assert.Equal("new", request.GetProperty("status").GetString());

        await s.TeamAsync(s.City, kinds: ["training"]);
        await CheckerAsync(DateTimeOffset.UtcNow).CheckOnceAsync(default);
        var after = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests/{request.GetProperty("number").GetString()}");

        Assert.Equal("assigned", after.GetProperty("status").GetString());
        Assert.Equal(s.City, Region(after));
    }

    [Fact]
    public async Task File_RandomRegionsAndTeams_NeverAssignedOutsideTheSchoolsChain()
    {
        var random = new Random(20261124);
        for (var round = 0; round < 6; round++)
        {
            var s = await SupportScenario.CreateAsync(app);
            var chain = new[] { s.County, s.City, s.Province };
            var sibling = RegionCatalog.Default.Children(s.City).FirstOrDefault(r => r.IsCurrent && r.Code != s.County)?.Code;
            var otherCity = RegionCatalog.Default.Children(s.Province).FirstOrDefault(r => r.IsCurrent && r.Code != s.City)?.Code;
            var outside = new[] { sibling, otherCity }.OfType<string>().ToList();
            var inChain = chain.Where(_ => random.Next(3) == 0).ToList();
            foreach (var region in outside.Concat(inChain))
            {
                await s.TeamAsync(region);
            }

            var request = await s.FiledAsync(random.Next(2) == 0 ? "network" : "equipment_fault");

            // Teams of earlier rounds may sit in the same city or province: whatever is chosen lies in the chain, and no
            // farther up than the nearest team this round created there. A team outside the chain is never chosen.
            if (request.GetProperty("assignment").ValueKind == JsonValueKind.Object)
            {
                Assert.Contains(Region(request), chain);
                Assert.True(inChain.Count == 0 || Array.IndexOf(chain, Region(request)) <= Array.IndexOf(chain, chain.First(inChain.Contains)));
            }
            else
            {
                Assert.Empty(inChain);
                Assert.Equal("new", request.GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    public async Task Database_AssignmentOutsideTheChain_RejectedByTheCheckConstraint()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var number = (await s.FiledAsync()).GetProperty("number").GetString();
        var other = await SupportScenario.CreateAsync(app);
        var foreign = await other.TeamAsync(other.County);

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE support_requests SET assigned_team_id = $1, assigned_region_code = $2 WHERE number = $3", connection)
        {
            Parameters = { new() { Value = foreign }, new() { Value = other.County }, new() { Value = number } },
        };
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task Assign_ByTheProvinceAdmin_OnlyInsideTheChainAndToTeamsOfTheKind()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var city = await s.TeamAsync(s.City);
        var cityTraining = await s.TeamAsync(s.City, kinds: ["training"]);
        var sibling = RegionCatalog.Default.Children(s.City).First(r => r.IsCurrent && r.Code != s.County).Code;
        var outside = await s.TeamAsync(sibling);
        var request = await s.FiledAsync();
        var path = $"/api/v1/support/requests/{request.GetProperty("number").GetString()}/assign";

        var (outsideResponse, outsideProblem) = await SupportScenario.PostAsync(s.Manager, path, new { teamId = outside });
        var (wrongKind, _) = await SupportScenario.PostAsync(s.Manager, path, new { teamId = cityTraining });
        var (byFiler, _) = await SupportScenario.PostAsync(s.Filer, path, new { teamId = city });
        var (ok, assigned) = await SupportScenario.PostAsync(s.Manager, path, new { teamId = city, note = "县级人手不足" });

        Assert.Equal(HttpStatusCode.BadRequest, outsideResponse.StatusCode);
        Assert.Equal("HUB-SUP-0021", outsideProblem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byFiler.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(s.City, Region(assigned));
    }

    private async Task<long> ExpertAsync(SupportScenario s, string region, string[] subjects, string[] stages)
    {
        var hubId = await ConsoleOperators.CreatePersonAsync(app, s.County);
        using var response = await s.Manager.PutAsJsonAsync("/api/v1/support/experts", new { regionCode = region, hubId, subjects, stages });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    private SupportServiceLevelChecker CheckerAsync(DateTimeOffset now) =>
        ActivatorUtilities.CreateInstance<SupportServiceLevelChecker>(app.Factory.Services, (TimeProvider)new FixedClock(now));
}
