using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;

namespace Hub.IntegrationTests.Catalog;

/// <summary>
/// Platforms of several levels (national, 广东 440000, 深圳 440300, 南山 440305, 福田 440304, 广州 440100) with the resource
/// scopes, and resource records made fresh for each test.
/// </summary>
internal sealed class CatalogWorld(HubApp app)
{
    public static readonly string[] AllScopes = [HubScopes.ResourcesRead, HubScopes.ResourcesWrite, HubScopes.ResourcesReview, HubScopes.ResourcesPush,
        HubScopes.ResourcesProcure, HubScopes.UsageRead];

    private readonly Dictionary<string, (HttpClient Client, string Id)> _platforms = [];

    /// <summary>A platform of <paramref name="region"/> (null: national) holding every resource scope.</summary>
    public async Task<HttpClient> PlatformAsync(string? region) => (await PlatformWithIdAsync(region)).Client;

    public async Task<(HttpClient Client, string Id)> PlatformWithIdAsync(string? region)
    {
        var key = region ?? "national";
        if (!_platforms.TryGetValue(key, out var platform))
        {
            platform = await PlatformClients.CreateAsync(app, region, AllScopes);
            _platforms[key] = platform;
        }
        return platform;
    }

    public static ResourceRecord Record(string title = "春（朱自清）朗读微课", string level = "county", string? region = "440305", string? school = null,
        string subject = "chinese", string stage = "junior", int[]? grades = null, string type = "micro_lecture", string licence = "free",
        decimal? price = null, string? licenceRegion = null, string? description = "统编版七年级上册第一单元《春》的朗读与赏析", long version = 1,
        string? sourceId = null, string checksum = "0000000000000000000000000000000000000000000000000000000000000001") =>
        new(sourceId ?? Guid.NewGuid().ToString("N"), version, title, description, ["朗读", "散文"], subject, stage, grades ?? [7],
            new ResourceTextbook("统编版", "七年级上册", ["第一单元", "1 春"]), type, "video/mp4", 52_428_800, type is "micro_lecture" or "lesson_recording" ? 480 : null,
            "zh-CN", new ResourceLicence(licence, licenceRegion, price), new ResourceProvider(null, "南山区教育信息中心", null),
            new ResourceOrigin(level, level == "national" ? null : region, school), new ResourceLocation("https://res.example.cn/v/chun.mp4", null),
            new ResourceChecksum("sha256", checksum));

    /// <summary>Submits through the API as the platform of <paramref name="region"/>; returns the hub's resource id.</summary>
    public async Task<string> SubmitAsync(string? region, ResourceRecord record)
    {
        using var response = await (await PlatformAsync(region)).PostAsJsonAsync("/api/v1/resources", record);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task ReviewAsync(string? region, string id, string decision = "approve", params string[] reasons)
    {
        using var response = await (await PlatformAsync(region)).PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision, reasons });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submitted at the county 440305 and approved there.</summary>
    public async Task<string> ApprovedAsync(ResourceRecord? record = null, string? region = "440305")
    {
        var id = await SubmitAsync(region, record ?? Record(region: region, level: Level(region)));
        await ReviewAsync(region, id);
        return id;
    }

    public static string Level(string? region) => region is null ? "national" : region.EndsWith("0000", StringComparison.Ordinal) ? "province"
        : region.EndsWith("00", StringComparison.Ordinal) ? "city" : "county";

    /// <summary>The ids of the catalog search as seen by the platform of <paramref name="region"/>.</summary>
    public async Task<List<string>> SearchAsync(string? region, string query = "")
    {
        var page = await (await PlatformAsync(region)).GetFromJsonAsync<JsonElement>("/api/v1/resources?limit=100" + query);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }
}
