using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Support;
using Hub.Server.Audit;
using Hub.Server.Monitoring;
using Hub.Server.Oidc;
using Hub.Server.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Monitoring;

/// <summary>/api/v1/monitoring inside jurisdictions, /metrics, and the support breach alert from the real checker.</summary>
public sealed class HealthApiTests(MonitoringHubApp app) : IClassFixture<MonitoringHubApp>
{
    [Fact]
    public async Task Api_ProvinceOperator_SeesOwnPlatformsOnlyAndAnotherProvincesIsAbsentAndAudited()
    {
        await using var shenzhen = await TestPlatform.ConnectAsync(app, "440300");
        await using var nanjing = await TestPlatform.ConnectAsync(app, "320100");
        await app.HeartbeatAsync(shenzhen, DateTimeOffset.UtcNow);
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var (guangdong, client) = await PlatformClients.CreateAsync(app, "440000", HubScopes.ExchangeManage);

        var list = await guangdong.GetFromJsonAsync<JsonElement>("/api/v1/monitoring/platforms");
        var own = await guangdong.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/platforms/{shenzhen.Id}?range=24h");
        using var other = await guangdong.GetAsync($"/api/v1/monitoring/platforms/{nanjing.Id}");
        using var badRange = await guangdong.GetAsync($"/api/v1/monitoring/platforms/{shenzhen.Id}?range=2y");

        var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("platformId").GetString()).ToList();
        Assert.Contains(shenzhen.Id, ids);
        Assert.DoesNotContain(nanjing.Id, ids);
        Assert.Equal("connected", own.GetProperty("health").GetProperty("state").GetString());
        Assert.Equal("1.4.2", own.GetProperty("health").GetProperty("adapterVersion").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("HUB-MON-0001", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Actor == client && a.Action == "monitoring.platform.read"
            && a.SubjectId == nanjing.Id && a.Outcome == "denied: outside jurisdiction")));
    }

    [Fact]
    public async Task Metrics_AfterASample_ExposesPerPlatformGaugesAndExchangeCountersInPrometheusFormat()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        await app.HeartbeatAsync(platform, DateTimeOffset.UtcNow, acknowledged: 1);
        await app.SampleAtAsync(DateTimeOffset.UtcNow);

        using var response = await app.CreateClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var label = $"platform=\"{platform.Id}\"";
        Assert.Contains(text.Split('\n'), l => l.StartsWith("hub_platform_state", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("hub_platform_lag_versions", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("hub_platform_messages_in_rate", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("hub_exchange_messages_in", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        Assert.Contains("hub_oidc_token_requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportBreach_CheckerFlagsARequest_AlertFiresInTheSchoolsRegionAndResolvesWhenTheRequestIsCancelled()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var request = await s.FiledAsync("network", "high");
        var number = request.GetProperty("number").GetString()!;
        var (county, _) = await PlatformClients.CreateAsync(app, s.County, HubScopes.ExchangeManage);

        await ActivatorUtilities.CreateInstance<SupportServiceLevelChecker>(app.Factory.Services, (TimeProvider)new FixedClock(DateTimeOffset.UtcNow.AddMinutes(11)))
            .CheckOnceAsync(default);
        JsonElement alert = default;
        await MonitoringHubApp.Until(async () =>
        {
            var alerts = await county.GetFromJsonAsync<JsonElement>("/api/v1/monitoring/alerts?firing=true");
            alert = alerts.EnumerateArray().FirstOrDefault(a => a.GetProperty("subject").GetString() == number + ":response");
            return alert.ValueKind == JsonValueKind.Object;
        }, "the support breach alert");
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var stillFiring = await app.QueryAsync(db => db.Set<MonitoringAlert>().AsNoTracking().SingleAsync(a => a.Id == alert.GetProperty("id").GetInt64()));
        await SupportScenario.PostAsync(s.Filer, $"/api/v1/support/requests/{number}/actions/cancel", new { note = "学校已自行处理" });
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var detail = await county.GetFromJsonAsync<JsonElement>($"/api/v1/monitoring/alerts/{alert.GetProperty("id").GetInt64()}");

        Assert.Equal(AlertRuleNames.SupportBreach, alert.GetProperty("rule").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal(s.County, alert.GetProperty("regionCode").GetString());
        Assert.Equal(AlertStatus.Firing, stillFiring.Status);
        Assert.Equal("resolved", detail.GetProperty("alert").GetProperty("status").GetString());
        Assert.Equal(["fired", "resolved"], detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Where(k => !k!.StartsWith("webhook", StringComparison.Ordinal)));
    }
}
