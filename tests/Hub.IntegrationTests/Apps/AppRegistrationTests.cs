using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using static Hub.IntegrationTests.Apps.AppTestData;

namespace Hub.IntegrationTests.Apps;

public sealed class AppRegistrationTests(HubApp hub) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Register_ValidApp_Returns201WithCategoryLabelsAndNoClientYet()
    {
        var (vendor, vendorId) = await VendorAsync(hub);

        using var response = await vendor.PostAsJsonAsync("/api/v1/apps", App());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("app-", body.GetProperty("appId").GetString());
        Assert.Equal(vendorId, body.GetProperty("vendor").GetString());
        Assert.Equal("homework-assessment", body.GetProperty("category").GetString());
        Assert.Equal("作业测评", body.GetProperty("categoryName").GetProperty("zh-CN").GetString());
        Assert.Equal("registered", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("clientId").ValueKind);
    }

    [Theory]
    [InlineData("name", "\"\"", "name", "HUB-APP-0001")]
    [InlineData("category", "\"游戏\"", "category", "HUB-APP-0002")]
    [InlineData("description", "\"a\\u0000b\"", "description", "HUB-APP-0003")]
    [InlineData("redirectUris", "[\"/relative/cb\"]", "redirectUris[0]", "HUB-APP-0004")]
    [InlineData("redirectUris", "[\"http://client.test/cb#frag\"]", "redirectUris[0]", "HUB-APP-0004")]
    [InlineData("redirectUris", "[]", "redirectUris", "HUB-APP-0005")]
    [InlineData("redirectUris", "[\"http://a.test/1\",\"http://a.test/2\",\"http://a.test/3\",\"http://a.test/4\",\"http://a.test/5\",\"http://a.test/6\",\"http://a.test/7\",\"http://a.test/8\",\"http://a.test/9\",\"http://a.test/10\",\"http://a.test/11\"]", "redirectUris", "HUB-APP-0005")]
    [InlineData("postLogoutRedirectUris", "[\"ftp://client.test/bye\"]", "postLogoutRedirectUris[0]", "HUB-APP-0004")]
    [InlineData("scopes", "[\"profile\"]", "scopes", "HUB-APP-0006")]
    [InlineData("scopes", "[\"openid\",\"people:read\"]", "scopes", "HUB-APP-0006")]
    [InlineData("contact", "{\"name\":\"\",\"email\":\"dev@vendor.example\"}", "contact.name", "HUB-APP-0007")]
    [InlineData("contact", "{\"name\":\"王工\",\"email\":\"not-an-address\"}", "contact.email", "HUB-APP-0008")]
    [InlineData("contact", "{\"name\":\"王工\",\"email\":\"dev@vendor.example\",\"phone\":\"call me\"}", "contact.phone", "HUB-APP-0009")]
    public async Task Register_BadField_Returns400NamingTheFieldAndStoresNothing(string property, string json, string field, string code)
    {
        var (vendor, _) = await VendorAsync(hub);
        var request = App();
        request[property] = JsonSerializer.Deserialize<JsonElement>(json);

        using var response = await vendor.PostAsJsonAsync("/api/v1/apps", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.NotEmpty(error.GetProperty("messages").GetProperty("zh-CN").GetString()!);
        var apps = await vendor.GetFromJsonAsync<JsonElement>("/api/v1/apps");
        Assert.Equal(0, apps.GetArrayLength());
    }

    [Fact]
    public async Task Register_PlatformHoldingAppsManage_Returns403()
    {
        var (platform, _) = await PlatformClients.CreateAsync(hub, "440300", HubScopes.AppsManage);

        using var response = await platform.PostAsJsonAsync("/api/v1/apps", App());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_AnotherVendorsApp_Returns404()
    {
        var (owner, _) = await VendorAsync(hub);
        var (other, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(owner);

        using var response = await other.GetAsync($"/api/v1/apps/{appId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Update_RedirectUriWhileApplicationPending_Returns409AndKeepsTheApp()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        await ApplyAsync(vendor, appId, "440000");
        var changed = App();
        changed["redirectUris"] = new[] { "http://client.test/other" };

        using var response = await vendor.PutAsJsonAsync($"/api/v1/apps/{appId}", changed);
        var stored = await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("HUB-APP-0013", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("http://client.test/cb", stored.GetProperty("redirectUris")[0].GetString());
    }

    [Fact]
    public async Task Update_ContactWhileApplicationPending_Returns200()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        await ApplyAsync(vendor, appId, "440000");
        var changed = App();
        changed["contact"] = new { name = "赵工", email = "ops@vendor.example" };

        using var response = await vendor.PutAsJsonAsync($"/api/v1/apps/{appId}", changed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("赵工", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contact").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("440399", "HUB-APP-0010")]
    [InlineData("", "HUB-APP-0010")]
    public async Task Apply_UnknownRegion_Returns400NamingRegionCode(string region, string code)
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);

        using var response = await vendor.PostAsJsonAsync($"/api/v1/apps/{appId}/applications", new { regionCode = region });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("regionCode", error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(0, (await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications")).GetArrayLength());
    }

    [Fact]
    public async Task Credentials_BeforeAnyApproval_Returns409()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);

        using var response = await vendor.PostAsync($"/api/v1/apps/{appId}/credentials", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("HUB-APP-0017", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
