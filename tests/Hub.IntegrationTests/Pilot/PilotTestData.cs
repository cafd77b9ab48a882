using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Pilot;

/// <summary>A hub whose pilot deadlines lie far ahead, so submissions are in time.</summary>
public sealed class PilotHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Pilot:ProvincialDeadline", "2099-12-31"), ("Pilot:DirectDeadline", "2099-12-31")];
}

/// <summary>Fresh regions, schools and application documents, so that every test makes its own data.</summary>
internal static class PilotTestData
{
    private static readonly HashSet<string> UsedCounties = [];

    /// <summary>A current county (under a city) no other test of this run has used: coverage counts the whole region.</summary>
    public static (string Province, string City, string County) NewCounty()
    {
        var candidates = RegionCatalog.Default.All.Where(r => r.IsCurrent && r.Level == RegionLevel.County
            && r.ParentCode is { } p && RegionCatalog.Default.TryGet(p, out var parent) && parent.Level == RegionLevel.City).ToList();
        lock (UsedCounties)
        {
            while (true)
            {
                var county = candidates[Random.Shared.Next(candidates.Count)];
                if (UsedCounties.Add(county.Code))
                {
                    return (county.Code[..2] + "0000", county.ParentCode!, county.Code);
                }
            }
        }
    }

    public static Task<(HttpClient Client, string Id)> Province(HubApp app, string province) =>
        PlatformClients.CreateAsync(app, province, HubScopes.PilotApply, HubScopes.OrganizationsWrite, HubScopes.OrganizationsRead);

    public static async Task<List<string>> RegisterSchoolsAsync(HttpClient client, string region, int count, string type = "21")
    {
        var codes = new List<string>();
        while (codes.Count < count)
        {
            var code = NewSchoolCode(region, type);
            var school = School(code, region, type: type == "34" ? "普通高中" : "小学（6年）");
            using var response = await client.PostAsJsonAsync("/api/v1/organizations/schools", school);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                codes.Add(code);
            }
        }
        return codes;
    }

    public static object Applicant(string unit = "某市电化教育馆") => new
    {
        unit, address = "某市某区某路 1 号", postcode = "510000",
        lead = new { name = "张三", phone = "13800138000", email = "zhang@example.cn" },
        contact = new { name = "李四", phone = "020-12345678", email = "li@example.cn" },
    };

    public static object Form(string scope = "province", string name = "某省教育资源公共服务平台") => new
    {
        applicant = Applicant("某省电化教育馆"), name, url = "https://edu.example.cn/", registeredSchools = 1200, registeredTeachers = 30000,
        registeredStudents = 500000, registeredParents = 400000, serviceScope = scope, developmentMode = "enterprise",
        technicalServiceProvider = "某科技有限公司", securityLevel = 3, operationsStaff = 25, annualBudgetTenThousandYuan = 1200.5m,
        dataCentreTypes = new[] { "hosted", "publicCloud" }, storageTb = 500, physicalServers = 40, virtualServers = 300,
        egress = new { telecom = 1000, mobile = 500 },
    };

    public static object Region(string code, IEnumerable<string> schools) => new { regionCode = code, applicant = Applicant(), schools = schools.ToArray() };

    public static object Summary() => new
    {
        lead = new { name = "王五", title = "馆长", phone = "13900139000" },
        contact = new { name = "赵六", title = "科长", phone = "020-87654321" },
        recommendation = "同意推荐。\n该平台运行稳定。",
    };

    public static object Application(string serviceRegion, params object[] regions) => new
    {
        platforms = new[] { new { serviceRegionCode = serviceRegion, form = Form(), regions, coverageDescription = "覆盖全省中小学", remarks = "无" } },
        summary = Summary(),
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object application)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/pilot/applications", application);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static IEnumerable<(string Field, string Code)> Errors(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!))
            : [];
}
