using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Apps;

/// <summary>Vendors, reviewers, apps, applications and people, fresh for every test.</summary>
internal static class AppTestData
{
    /// <summary>A registration body that passes every check; tests change one field at a time.</summary>
    public static Dictionary<string, object?> App(string name = "智慧作业") => new()
    {
        ["name"] = name,
        ["description"] = "课后作业布置、批改与学情分析",
        ["category"] = "作业测评",
        ["redirectUris"] = new[] { UserFlow.RedirectUri.ToString() },
        ["postLogoutRedirectUris"] = new[] { "http://client.test/bye" },
        ["scopes"] = new[] { "openid", "profile" },
        ["contact"] = new Dictionary<string, object?> { ["name"] = "王工", ["email"] = "dev@vendor.example", ["phone"] = "010-12345678" },
    };

    /// <summary>A vendor client holding apps:manage, as an HttpClient carrying its access token.</summary>
    public static async Task<(HttpClient Client, string VendorId)> VendorAsync(HubApp hub)
    {
        var id = "vendor-" + Guid.NewGuid().ToString("N")[..10];
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        await using (var scope = hub.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().RegisterAsync(new ClientRegistration(
                id, "测试厂商", ClientKind.Vendor, JurisdictionLevel.National, null, [HubScopes.AppsManage],
                ClientSecret: secret, AllowClientCredentials: true));
        }
        using var response = await PlatformClients.RequestTokenAsync(hub, id, secret, HubScopes.AppsManage);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = hub.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, id);
    }

    /// <summary>A region admin's client: a platform of <paramref name="region"/> holding apps:review.</summary>
    public static async Task<HttpClient> ReviewerAsync(HubApp hub, string region) =>
        (await PlatformClients.CreateAsync(hub, region, HubScopes.AppsReview)).Client;

    public static async Task<string> RegisterAsync(HttpClient vendor, string name = "智慧作业")
    {
        using var response = await vendor.PostAsJsonAsync("/api/v1/apps", App(name));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appId").GetString()!;
    }

    public static async Task<long> ApplyAsync(HttpClient vendor, string appId, string region)
    {
        using var response = await vendor.PostAsJsonAsync($"/api/v1/apps/{appId}/applications", new { regionCode = region, note = "测试账号见附件" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<HttpResponseMessage> ApproveAsync(HttpClient reviewer, long id) =>
        await reviewer.PostAsJsonAsync($"/api/v1/apps/applications/{id}/approve", new { testNotes = "已用测试账号登录并布置作业" });

    /// <summary>Registers, applies for <paramref name="region"/>, has a reviewer of that region approve, and fetches a secret.</summary>
    public static async Task<(string AppId, string Secret)> ApprovedAppAsync(HubApp hub, HttpClient vendor, string region)
    {
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, region);
        using var approved = await ApproveAsync(await ReviewerAsync(hub, region), id);
        approved.EnsureSuccessStatusCode();
        using var credentials = await vendor.PostAsync($"/api/v1/apps/{appId}/credentials", null);
        credentials.EnsureSuccessStatusCode();
        return (appId, (await credentials.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!);
    }

    /// <summary>A person registered in <paramref name="region"/> with the test password set.</summary>
    public static async Task<(string HubId, long PersonId)> PersonAsync(HubApp hub, string region, string name = "李四")
    {
        var (platform, _) = await PlatformClients.CreateAsync(hub, region[..2] + "0000", HubScopes.PeopleWrite);
        using var response = await platform.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(region), name, region: region));
        response.EnsureSuccessStatusCode();
        var hubId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Person>().SingleAsync(p => p.HubId == hubId);
        await scope.ServiceProvider.GetRequiredService<CredentialService>().SetPasswordAsync(person.Id, UserFlow.Password, default);
        return (hubId, person.Id);
    }
}
