using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Pilot;
using Hub.Server.Oidc;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Support;

/// <summary>A hub whose support checker waits an hour between rounds: tests run the rounds themselves, with their own clock.</summary>
public sealed class SupportHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Support:CheckInterval", "01:00:00"),
        ("Support:AutoCloseAfter", "3.00:00:00"),
        ("Support:MaxAttachmentBytes", "4096"),
        ("Support:ServiceLevels:0:Kind", "network"), ("Support:ServiceLevels:0:Urgency", "high"),
        ("Support:ServiceLevels:0:Response", "00:10:00"), ("Support:ServiceLevels:0:Resolution", "02:00:00"),
    ];
}

/// <summary>A clock standing still at a chosen instant: the checker sees the future without anyone waiting.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>One county of its own per test, a school in it, and clients for each side.</summary>
public sealed class SupportScenario
{
    public required HubApp App { get; init; }
    public required string Province { get; init; }
    public required string City { get; init; }
    public required string County { get; init; }
    public required string School { get; init; }

    /// <summary>The county's platform filing for its schools (support:request).</summary>
    public required HttpClient Filer { get; init; }

    /// <summary>The province's support admin (support:manage over the whole chain).</summary>
    public required HttpClient Manager { get; init; }

    public static async Task<SupportScenario> CreateAsync(HubApp app)
    {
        var (province, city, county) = PilotTestData.NewCounty();
        var (registrar, _) = await PlatformClients.CreateAsync(app, county, HubScopes.OrganizationsWrite);
        var school = NewSchoolCode(county);
        (await registrar.PostAsJsonAsync("/api/v1/organizations/schools", School(school, county))).EnsureSuccessStatusCode();
        var (filer, _) = await PlatformClients.CreateAsync(app, county, HubScopes.SupportRequest);
        var (manager, _) = await PlatformClients.CreateAsync(app, province, HubScopes.SupportManage, HubScopes.SupportHandle, HubScopes.SupportRequest);
        return new SupportScenario { App = app, Province = province, City = city, County = county, School = school, Filer = filer, Manager = manager };
    }

    /// <summary>A team of <paramref name="region"/> for the kinds, always open unless <paramref name="days"/> says otherwise.</summary>
    public async Task<long> TeamAsync(string region, string[]? kinds = null, int[]? days = null, string opens = "00:00", string closes = "24:00")
    {
        using var response = await Manager.PostAsJsonAsync("/api/v1/support/teams", new
        {
            regionCode = region, name = "支持组 " + region, kinds = kinds ?? ["equipment_fault", "network", "platform_access", "training", "guidance"],
            openDays = days ?? [1, 2, 3, 4, 5, 6, 7], opens, closes,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> FileAsync(string kind = "equipment_fault", string urgency = "normal",
        string? subject = null, string? stage = null, long? deviceId = null, HttpClient? client = null, string? reporterHubId = null)
    {
        var response = await (client ?? Filer).PostAsJsonAsync("/api/v1/support/requests", new
        {
            schoolCode = School, kind, urgency, title = "三年级二班投影仪无法开机", description = "按下电源键没有反应，指示灯不亮。",
            classroom = "三年级二班", subject, stage, deviceId, reporterHubId,
        });
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<JsonElement> FiledAsync(string kind = "equipment_fault", string urgency = "normal", string? subject = null, string? stage = null)
    {
        var (response, body) = await FileAsync(kind, urgency, subject, stage);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    /// <summary>A platform of <paramref name="region"/> holding support:handle (it acts for the teams of its subtree).</summary>
    public async Task<HttpClient> HandlerAsync(string region) => (await PlatformClients.CreateAsync(App, region, HubScopes.SupportHandle)).Client;

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
