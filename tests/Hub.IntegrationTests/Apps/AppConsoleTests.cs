using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using static Hub.IntegrationTests.Apps.AppTestData;

namespace Hub.IntegrationTests.Apps;

public sealed class AppConsoleTests(HubApp hub) : IClassFixture<HubApp>
{
    private static readonly Uri Console = new("http://localhost/console/apps");

    /// <summary>An admin of <paramref name="region"/> holding <paramref name="permissions"/>, signed in in a new browser that opened the console.</summary>
    private async Task<(TestBrowser Browser, string Page)> SignedInAdminAsync(string region, params string[] permissions)
    {
        var hubId = await ConsoleOperators.CreateAsync(hub, region, permissions);
        var browser = new UserFlow(hub).NewBrowser();
        var (login, loginPage) = await browser.GetAsync(Console);
        var (_, page) = await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = ConsoleOperators.Password });
        return (browser, page);
    }

    [Fact]
    public async Task ConsoleApprove_ThroughTheHtmlForm_SelectsTheAppForTheProvince()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor, "课堂互动宝");
        var id = await ApplyAsync(vendor, appId, "440000");
        var (browser, list) = await SignedInAdminAsync("440000", "apps:review");
        using var _ = browser;

        var detailUri = new Uri(Console, $"/console/apps/{id}");
        var (_, detail) = await browser.GetAsync(detailUri);
        var (response, after) = await browser.SubmitFormAsync(detailUri, detail,
            new Dictionary<string, string> { ["testNotes"] = "已在测试环境完成登录与授课流程", ["reasons"] = "" }, "submit.approve");

        Assert.Contains("课堂互动宝", list, StringComparison.Ordinal);
        Assert.Contains($"/console/apps/{id}", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"done\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"/console/apps/{id}\"", after, StringComparison.Ordinal);
        var applications = await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications");
        var application = Assert.Single(applications.EnumerateArray());
        Assert.Equal("approved", application.GetProperty("status").GetString());
        Assert.Equal("已在测试环境完成登录与授课流程", application.GetProperty("testNotes").GetString());
        Assert.StartsWith("person:", application.GetProperty("decidedBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleReject_WithoutReasons_ShowsTheErrorAndChangesNothing()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var (browser, _) = await SignedInAdminAsync("440300", "apps:review");
        using var _b = browser;

        var detailUri = new Uri(Console, $"/console/apps/{id}");
        var (_, detail) = await browser.GetAsync(detailUri);
        var (response, page) = await browser.SubmitFormAsync(detailUri, detail, new Dictionary<string, string> { ["reasons"] = "" }, "submit.reject");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不予通过时须填写理由", page, StringComparison.Ordinal);
        var application = Assert.Single((await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications")).EnumerateArray());
        Assert.Equal("applied", application.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConsolePost_WithoutAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var (browser, _) = await SignedInAdminAsync("440300", "apps:review");
        using var _b = browser;
        // A form without the hidden token field, as a cross-site page would post it.
        var forged = $"<form method=\"post\" action=\"/console/apps/{id}\"></form>";

        var (response, _) = await browser.SubmitFormAsync(new Uri(Console, $"/console/apps/{id}"), forged, new Dictionary<string, string>(), "submit.approve");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var application = Assert.Single((await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications")).EnumerateArray());
        Assert.Equal("applied", application.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConsoleList_AdminWithoutAppsReview_Returns403Page()
    {
        var (browser, _) = await SignedInAdminAsync("440300", "orgs:read");
        using var _b = browser;

        var (response, page) = await browser.GetAsync(Console);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("没有此项管理权限", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleShow_ApplicationOfAnotherCity_Returns404Page()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var (browser, _) = await SignedInAdminAsync("440100", "apps:review");
        using var _b = browser;

        var (response, _) = await browser.GetAsync(new Uri(Console, $"/console/apps/{id}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
