using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;

namespace Hub.IntegrationTests.Support;

/// <summary>Statistics per region and period, the CSV export, jurisdiction, and repeated faults per device and model.</summary>
public sealed class SupportStatisticsTests(SupportHubApp app) : IClassFixture<SupportHubApp>
{
    private static readonly string Today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task CloseAndRateAsync(SupportScenario s, HttpClient handler, JsonElement r, int rating)
    {
        var path = $"/api/v1/support/requests/{r.GetProperty("number").GetString()}";
        foreach (var (who, step, body) in new (HttpClient, string, object?)[] { (handler, "/actions/start", null), (handler, "/actions/resolve", new { note = "ok" }),
            (s.Filer, "/actions/confirm", null), (s.Filer, "/rating", new { rating }) })
        {
            var (response, json) = await SupportScenario.PostAsync(who, path + step, body);
            Assert.True(response.IsSuccessStatusCode, step + " " + json);
        }
    }

    [Fact]
    public async Task Statistics_CityOverToday_CountsKindsResolutionComplianceAndSatisfaction()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.TeamAsync(s.County);
        var handler = await s.HandlerAsync(s.County);
        var first = await s.FiledAsync();
        await s.FiledAsync();
        var third = await s.FiledAsync("network");
        await CloseAndRateAsync(s, handler, first, 5);
        await CloseAndRateAsync(s, handler, third, 4);

        var stats = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/statistics?regionCode={s.City}&from={Today}&to={Today}");
        var line = Assert.Single(stats.GetProperty("regions").EnumerateArray());

        Assert.Equal(s.County, line.GetProperty("regionCode").GetString());
        Assert.Equal(3, line.GetProperty("filed").GetInt32());
        Assert.Equal(2, line.GetProperty("byKind").GetProperty("equipment_fault").GetInt32());
        Assert.Equal(1, line.GetProperty("byKind").GetProperty("network").GetInt32());
        Assert.Equal(2, line.GetProperty("resolved").GetInt32());
        Assert.Equal(100, line.GetProperty("serviceLevelCompliance").GetDouble());
        Assert.Equal(4.5, line.GetProperty("satisfaction").GetDouble());
        Assert.Equal(3, stats.GetProperty("total").GetProperty("filed").GetInt32());
    }

    [Fact]
    public async Task Statistics_Csv_HasBomHeaderRowsAndTotal()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.FiledAsync();

        using var response = await s.Manager.GetAsync($"/api/v1/support/statistics?regionCode={s.City}&from={Today}&to={Today}&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("地区代码 Region code,地区 Region,请求数 Requests,设备故障 equipment_fault", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(s.County + ",", lines[2], StringComparison.Ordinal);
        Assert.StartsWith(",合计 Total,1,1,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_OtherProvincesAdmin_SeesNothingAndBadPeriodsAreRefused()
    {
        var s = await SupportScenario.CreateAsync(app);
        await s.FiledAsync();
        var (other, _) = await PlatformClients.CreateAsync(app, s.Province == "110000" ? "120000" : "110000", HubScopes.SupportManage);

        var foreign = await other.GetFromJsonAsync<JsonElement>($"/api/v1/support/statistics?regionCode={s.City}&from={Today}&to={Today}");
        var own = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/statistics?regionCode={s.City}&from={Today}&to={Today}");
        using var backwards = await s.Manager.GetAsync($"/api/v1/support/statistics?from={Today}&to=2020-01-01");
        using var forbidden = await s.Filer.GetAsync("/api/v1/support/statistics");

        Assert.Equal(0, foreign.GetProperty("total").GetProperty("filed").GetInt32());
        Assert.Empty(foreign.GetProperty("regions").EnumerateArray());
        Assert.Equal(1, own.GetProperty("total").GetProperty("filed").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task RepeatedFaults_PerDeviceAndPerModel_FromRequestsThatNameTheDevice()
    {
        var s = await SupportScenario.CreateAsync(app);
        var model = "EB-X41-" + Guid.NewGuid().ToString("N")[..6];
        var a = await DeviceAsync(s, model, "A1");
        var b = await DeviceAsync(s, model, "B1");
        await s.FileAsync(deviceId: a);
        await s.FileAsync(deviceId: a);
        await s.FileAsync("network", deviceId: b);
        await s.FileAsync("guidance", subject: "chinese", stage: "primary", deviceId: b);
        var (wrong, problem) = await s.FileAsync(deviceId: (await DeviceAsync(await SupportScenario.CreateAsync(app), model, "C1")));

        var repeated = await s.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/support/devices/repeated-faults?schoolCode={s.School}&from={Today}&to={Today}");
        var register = await s.Filer.GetFromJsonAsync<JsonElement>($"/api/v1/support/devices?schoolCode={s.School}");

        var device = Assert.Single(repeated.GetProperty("devices").EnumerateArray());
        Assert.Equal(a, device.GetProperty("deviceId").GetInt64());
        Assert.Equal(2, device.GetProperty("faults").GetInt32());
        var byModel = Assert.Single(repeated.GetProperty("models").EnumerateArray());
        Assert.Equal(2, byModel.GetProperty("devices").GetInt32());
        Assert.Equal(3, byModel.GetProperty("faults").GetInt32());
        Assert.Equal(1, byModel.GetProperty("devicesWithRepeatedFaults").GetInt32());
        Assert.Equal([2, 1], register.EnumerateArray().Select(d => d.GetProperty("faultCount").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("deviceId", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    private static async Task<long> DeviceAsync(SupportScenario s, string model, string serial)
    {
        using var response = await s.Filer.PostAsJsonAsync("/api/v1/support/devices", new
        {
            schoolCode = s.School, category = "classroom_multimedia", name = "投影仪", classroom = "教室" + serial, model, serialNumber = serial,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetInt64();
    }
}
