using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Apps.AppTestData;

namespace Hub.IntegrationTests.Apps;

public sealed class AppSelectionTests(HubApp hub) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Approve_ByProvinceAdmin_PersonInCountyBelowSignsInWhilePersonOfAnotherProvinceIsRefused()
    {
        var (vendor, _) = await VendorAsync(hub);
        var (appId, secret) = await ApprovedAppAsync(hub, vendor, "440000");
        var (nanshan, _) = await PersonAsync(hub, "440305", "陈南山");
        var (beijing, _) = await PersonAsync(hub, "110101", "刘东城");

        var tokens = await new UserFlow(hub).SignInAsync(appId, secret, nanshan, "openid profile");
        var refused = await AppSignIn.AuthorizeAsync(hub, appId, beijing);

        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("id_token").GetString()));
        var query = HttpUtility.ParseQueryString(refused.Query);
        Assert.StartsWith(UserFlow.RedirectUri.ToString(), refused.ToString(), StringComparison.Ordinal);
        Assert.Equal("access_denied", query["error"]);
        Assert.Contains("selected", query["error_description"], StringComparison.Ordinal);
        Assert.Null(query["code"]);
    }

    [Fact]
    public async Task Approve_FirstApproval_CreatesLiveClientMarkedWithTheApp()
    {
        var (vendor, _) = await VendorAsync(hub);
        var (appId, _) = await ApprovedAppAsync(hub, vendor, "440300");

        var app = await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}");
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<Hub.Server.Oidc.ClientRegistry>().FindAsync(appId);

        Assert.Equal("live", app.GetProperty("status").GetString());
        Assert.Equal(appId, app.GetProperty("clientId").GetString());
        Assert.NotNull(client);
        Assert.Equal(appId, client.AppId);
    }

    [Fact]
    public async Task Approve_ByCity_CoversItsCountiesButNotASiblingCity()
    {
        var (vendor, _) = await VendorAsync(hub);
        var (appId, _) = await ApprovedAppAsync(hub, vendor, "440300");

        var nanshan = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/apps/selected?regionCode=440305");
        var guangzhou = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/apps/selected?regionCode=440106");
        var province = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/apps/selected?regionCode=440000");

        var selected = Assert.Single(nanshan.EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
        Assert.Equal("440300", selected.GetProperty("selectedByRegionCode").GetString());
        Assert.DoesNotContain(guangzhou.EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
        Assert.DoesNotContain(province.EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
    }

    [Fact]
    public async Task Apply_BelowARegionThatSelectedTheApp_Returns409()
    {
        var (vendor, _) = await VendorAsync(hub);
        var (appId, _) = await ApprovedAppAsync(hub, vendor, "440000");

        using var response = await vendor.PostAsJsonAsync($"/api/v1/apps/{appId}/applications", new { regionCode = "440305" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("HUB-APP-0012", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reject_WithoutReasons_Returns400AndLeavesTheApplicationPending()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var reviewer = await ReviewerAsync(hub, "440300");

        using var response = await reviewer.PostAsJsonAsync($"/api/v1/apps/applications/{id}/reject", new { reasons = "  " });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/apps/applications/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("reasons", error.GetProperty("field").GetString());
        Assert.Equal("HUB-APP-0014", error.GetProperty("code").GetString());
        Assert.Equal("applied", stored.GetProperty("application").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reject_WithReasons_VendorSeesThemAndNoClientIsCreated()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var reviewer = await ReviewerAsync(hub, "440300");

        using var response = await reviewer.PostAsJsonAsync($"/api/v1/apps/applications/{id}/reject",
            new { reasons = "回调地址无法访问", testNotes = "登录后白屏" });
        var applications = await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications");
        var app = await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var application = Assert.Single(applications.EnumerateArray());
        Assert.Equal("rejected", application.GetProperty("status").GetString());
        Assert.Equal("回调地址无法访问", application.GetProperty("reasons").GetString());
        Assert.Equal("registered", app.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Decide_ApplicationOutsideTheReviewersSubtree_Returns404AndWritesAuditEntry()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var guangzhou = await ReviewerAsync(hub, "440100");

        using var approve = await ApproveAsync(guangzhou, id);
        using var read = await guangzhou.GetAsync($"/api/v1/apps/applications/{id}");
        var list = await guangzhou.GetFromJsonAsync<JsonElement>("/api/v1/apps/applications?status=applied");

        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("application").GetProperty("id").GetInt64() == id);
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>();
        var subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await audit.AnyAsync(a => a.SubjectId == subject && a.Action == "app.approve" && a.Outcome.StartsWith("denied")));
        Assert.False(await audit.AnyAsync(a => a.SubjectId == subject && a.Outcome == "approved"));
    }

    [Fact]
    public async Task List_ProvinceReviewer_SeesApplicationsOfItsCounties()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440305");
        var province = await ReviewerAsync(hub, "440000");

        var list = await province.GetFromJsonAsync<JsonElement>("/api/v1/apps/applications?status=applied&regionCode=440300");

        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("application").GetProperty("id").GetInt64() == id);
        Assert.Equal(appId, item.GetProperty("app").GetProperty("appId").GetString());
        Assert.Equal("南山区", item.GetProperty("application").GetProperty("regionName").GetString());
    }

    [Fact]
    public async Task Withdraw_ApprovedSelection_AppIsNoLongerSelectedAndCredentialsRotate()
    {
        var (vendor, _) = await VendorAsync(hub);
        var (appId, firstSecret) = await ApprovedAppAsync(hub, vendor, "440300");
        var id = (await vendor.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{appId}/applications"))[0].GetProperty("id").GetInt64();

        using var withdraw = await vendor.PostAsync($"/api/v1/apps/{appId}/applications/{id}/withdraw", null);
        using var again = await vendor.PostAsync($"/api/v1/apps/{appId}/applications/{id}/withdraw", null);
        var selected = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/apps/selected?regionCode=440305");
        using var credentials = await vendor.PostAsync($"/api/v1/apps/{appId}/credentials", null);
        var secondSecret = (await credentials.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString();

        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(selected.EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
        Assert.Equal("no-store", credentials.Headers.CacheControl?.ToString());
        Assert.NotEqual(firstSecret, secondSecret);
        var flow = new UserFlow(hub);
        var withOld = await flow.PostAsync("/connect/introspect", appId, firstSecret, new() { ["token"] = "x" });
        var withNew = await flow.PostAsync("/connect/introspect", appId, secondSecret!, new() { ["token"] = "x" });
        Assert.Equal("invalid_client", withOld.GetProperty("error").GetString());
        Assert.False(withNew.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Refresh_AfterTheRegionWithdrewTheApp_IsRefused()
    {
        var (vendor, _) = await VendorAsync(hub);
        var app = App();
        app["scopes"] = new[] { "openid", "profile", "offline_access" };
        using var registered = await vendor.PostAsJsonAsync("/api/v1/apps", app);
        var appId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appId").GetString()!;
        var applicationId = await ApplyAsync(vendor, appId, "440300");
        (await ApproveAsync(await ReviewerAsync(hub, "440300"), applicationId)).EnsureSuccessStatusCode();
        using var credentials = await vendor.PostAsync($"/api/v1/apps/{appId}/credentials", null);
        var secret = (await credentials.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        var (person, _) = await PersonAsync(hub, "440305", "周南山");
        var flow = new UserFlow(hub);
        var tokens = await flow.SignInAsync(appId, secret, person, "openid profile offline_access");
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var before = await flow.PostAsync("/connect/token", appId, secret, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        (await vendor.PostAsync($"/api/v1/apps/{appId}/applications/{applicationId}/withdraw", null)).EnsureSuccessStatusCode();
        var after = await flow.PostAsync("/connect/token", appId, secret,
            new() { ["grant_type"] = "refresh_token", ["refresh_token"] = before.GetProperty("refresh_token").GetString()! });

        Assert.Equal("invalid_grant", after.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoke_ByTheRegionAdmin_EndsSelectionNeedsReasonsAndIsInvisibleToAnotherCity()
    {
        var (vendor, _) = await VendorAsync(hub);
        var appId = await RegisterAsync(vendor);
        var id = await ApplyAsync(vendor, appId, "440300");
        var shenzhen = await ReviewerAsync(hub, "440300");
        (await ApproveAsync(shenzhen, id)).EnsureSuccessStatusCode();
        var guangzhou = await ReviewerAsync(hub, "440100");

        using var noReasons = await shenzhen.PostAsJsonAsync($"/api/v1/apps/applications/{id}/revoke", new { });
        using var foreign = await guangzhou.PostAsJsonAsync($"/api/v1/apps/applications/{id}/revoke", new { reasons = "抽检不合格" });
        using var revoked = await shenzhen.PostAsJsonAsync($"/api/v1/apps/applications/{id}/revoke", new { reasons = "抽检发现广告推送，撤销选用" });
        using var again = await shenzhen.PostAsJsonAsync($"/api/v1/apps/applications/{id}/revoke", new { reasons = "再次撤销" });
        var selected = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/apps/selected?regionCode=440305");

        Assert.Equal(HttpStatusCode.BadRequest, noReasons.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(selected.EnumerateArray(), a => a.GetProperty("appId").GetString() == appId);
    }
}
