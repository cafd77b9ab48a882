using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Bench.Resources;

/// <summary>Data every run needs, made through the hub's own API where it matters (resources submitted and reviewed) and set-based where volume does.</summary>
internal static class BenchSetup
{
    public static string[] GuangdongCounties() =>
        [.. RegionCatalog.Default.All.Where(r => r.IsCurrent && r.Code.StartsWith("44", StringComparison.Ordinal) && r.Level == RegionLevel.County).Select(r => r.Code)];

    /// <summary>A provincial platform client (440000) with the resource scopes, as an HttpClient with its token.</summary>
    public static async Task<HttpClient> ProvinceAsync(BenchHub hub)
    {
        var (id, secret) = ("bench-province", Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "x");
        string[] scopes = [HubScopes.ResourcesRead, HubScopes.ResourcesWrite, HubScopes.ResourcesReview, HubScopes.ResourcesPush];
        await using (var scope = hub.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
                id, "基准测试省平台", ClientKind.Platform, JurisdictionLevel.Province, "440000", scopes, ClientSecret: secret, AllowClientCredentials: true));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", string.Join(' ', scopes))]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{Uri.EscapeDataString(secret)}")));
        using var response = await hub.Factory.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        var client = hub.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>Submits and approves one province-level resource through the API; returns its hub id.</summary>
    public static async Task<string> ResourceAsync(HttpClient province, string title)
    {
        var record = new ResourceRecord(Guid.NewGuid().ToString("N"), 1, title, "基准测试资源", [], "chinese", "junior", [7], null, "courseware",
            "application/pdf", 1024, null, "zh-CN", new ResourceLicence("free", null, null), new ResourceProvider(null, "基准测试", null),
            new ResourceOrigin("province", "440000", null), new ResourceLocation("https://res.example.cn/bench.pdf", null),
            new ResourceChecksum("sha256", new string('0', 63) + "1"));
        using var submitted = await province.PostAsJsonAsync("/api/v1/resources", record);
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var approved = await province.PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "approve" });
        approved.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Copies of a resource row (new ids R{first}…, same metadata) so usage and pushes can spread over many resources; returns their hub ids.</summary>
    public static async Task<string[]> CloneAsync(BenchHub hub, string resourceId, int first, int count)
    {
        await hub.ExecuteAsync($"""
            DO $$
            DECLARE cols text;
            BEGIN
              SELECT string_agg(quote_ident(column_name), ', ') INTO cols FROM information_schema.columns
              WHERE table_name = 'resources' AND column_name NOT IN ('id', 'resource_id', 'source_id', 'change_version');
              EXECUTE format('INSERT INTO resources (resource_id, source_id, %s) SELECT ''R'' || lpad(g::text, 16, ''0''), ''bench-'' || g, %s
                FROM resources, generate_series({first}, {first + count - 1}) AS g WHERE resource_id = %L', cols, cols, '{resourceId}');
            END $$
            """);
        return [.. Enumerable.Range(first, count).Select(g => "R" + g.ToString("D16", System.Globalization.CultureInfo.InvariantCulture))];
    }
}
