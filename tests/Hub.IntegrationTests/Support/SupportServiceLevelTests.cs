using System.Net.Http.Json;
using System.Text.Json;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using Hub.Server.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Support;

/// <summary>The checker with a clock of the test's choosing: breaches flagged once, escalated, announced; auto-close.</summary>
public sealed class SupportServiceLevelTests(SupportHubApp app) : IClassFixture<SupportHubApp>
{
    private Task<SupportCheckResult> CheckAtAsync(TimeSpan later) =>
        ActivatorUtilities.CreateInstance<SupportServiceLevelChecker>(app.Factory.Services, (TimeProvider)new FixedClock(DateTimeOffset.UtcNow + later))
            .CheckOnceAsync(default);

    private static async Task<JsonElement> GetAsync(SupportScenario s, JsonElement r) =>
        await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests/{r.GetProperty("number").GetString()}");

    [Fact]
    public async Task Check_NoResponseInTime_FlagsOnceMovesToTheCityAndPublishesTheBreach()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var city = await s.TeamAsync(s.City);
        var r = await s.FiledAsync("network", "high"); // configured: respond within 10 minutes

        var early = await CheckAtAsync(TimeSpan.FromMinutes(5));
        var before = await GetAsync(s, r);
        await CheckAtAsync(TimeSpan.FromMinutes(11));
        await CheckAtAsync(TimeSpan.FromMinutes(12));
        var after = await GetAsync(s, r);

        Assert.False(before.GetProperty("responseBreached").GetBoolean());
        Assert.Equal(0, early.ResponseBreaches);
        Assert.True(after.GetProperty("responseBreached").GetBoolean());
        Assert.Equal(city, after.GetProperty("assignment").GetProperty("teamId").GetInt64());
        Assert.Equal(s.City, after.GetProperty("escalatedRegionCode").GetString());
        var breach = Assert.Single(after.GetProperty("breaches").EnumerateArray());
        Assert.Equal("response", breach.GetProperty("kind").GetString());
        Assert.Equal(s.County, breach.GetProperty("fromRegionCode").GetString());
        Assert.Equal("escalate", after.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<OutboxMessage>()
            .Where(m => m.MessageType == "Hub.Contracts.V1.SupportServiceLevelBreached").Select(m => m.Body).ToListAsync();
        var mine = Assert.Single(events, b => b.Contains(r.GetProperty("number").GetString()!, StringComparison.Ordinal));
        var message = JsonDocument.Parse(mine).RootElement;
        Assert.Equal("response", message.GetProperty("breach").GetString());
        Assert.True(message.GetProperty("reassigned").GetBoolean());
        Assert.Equal(s.City, message.GetProperty("escalatedToRegionCode").GetString());
    }

    [Fact]
    public async Task Check_ResolutionMissedWhileInProgress_HandlerKeepsItAndTheCityWatches()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        await s.TeamAsync(s.City);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync("network", "high"); // resolve within 2 hours
        await SupportScenario.PostAsync(handler, $"/api/v1/support/requests/{r.GetProperty("number").GetString()}/actions/start");

        await CheckAtAsync(TimeSpan.FromHours(3));
        var after = await GetAsync(s, r);

        Assert.False(after.GetProperty("responseBreached").GetBoolean());
        Assert.True(after.GetProperty("resolutionBreached").GetBoolean());
        Assert.Equal("in_progress", after.GetProperty("status").GetString());
        Assert.Equal(s.County, after.GetProperty("assignment").GetProperty("regionCode").GetString());
        Assert.Equal(s.City, after.GetProperty("escalatedRegionCode").GetString());
        var list = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/requests?breached=true&schoolCode={s.School}");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Check_WaitingForTheSchool_StopsTheResolutionClock()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync("network", "high");
        var path = $"/api/v1/support/requests/{r.GetProperty("number").GetString()}";
        await SupportScenario.PostAsync(handler, path + "/actions/start");
        await SupportScenario.PostAsync(handler, path + "/actions/ask_school", new { note = "请拍照" });

        await CheckAtAsync(TimeSpan.FromHours(5));

        Assert.False((await GetAsync(s, r)).GetProperty("resolutionBreached").GetBoolean());
    }

    [Fact]
    public async Task Check_ResolvedAndNotConfirmed_ClosedAfterTheConfiguredTime()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var r = await s.FiledAsync();
        var path = $"/api/v1/support/requests/{r.GetProperty("number").GetString()}";
        await SupportScenario.PostAsync(handler, path + "/actions/start");
        await SupportScenario.PostAsync(handler, path + "/actions/resolve", new { note = "已修复" });

        await CheckAtAsync(TimeSpan.FromDays(2));
        var waiting = await GetAsync(s, r);
        await CheckAtAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var closed = await GetAsync(s, r);
        var (rated, _) = await SupportScenario.PostAsync(s.Filer, path + "/rating", new { rating = 3 });

        Assert.Equal("resolved", waiting.GetProperty("status").GetString());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("auto_close", closed.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        Assert.True(rated.IsSuccessStatusCode);
    }
}
