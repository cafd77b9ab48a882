using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Web;

/// <summary>The sign-in pages in Debian's chromium: what a teacher or an operator sees and clicks.</summary>
public sealed class SignInBrowserTests(BrowserHubApp app) : IClassFixture<BrowserHubApp>
{
    private const string Password = "Browser-2026-pass";

    private async Task<string> PersonWithPasswordAsync()
    {
        var (platform, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleRead, HubScopes.PeopleWrite);
        using var created = await platform.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(), name: "欧阳·明", localId: Guid.NewGuid().ToString("N")));
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
        using var password = await platform.PutAsJsonAsync($"/api/v1/people/{hubId}/password", new { password = Password });
        password.EnsureSuccessStatusCode();
        return hubId;
    }

    [Fact]
    public async Task LoginPage_CorrectPassword_ShowsMyAccountInChinese()
    {
        var hubId = await PersonWithPasswordAsync();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");

        await page.WaitForURLAsync(url => url.EndsWith("/account", StringComparison.Ordinal));
        Assert.Equal("我的账号", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task LoginPage_WrongPassword_StaysWithBilingualError()
    {
        var hubId = await PersonWithPasswordAsync();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", "wrong-password-1");
        await page.ClickAsync("#sign-in");

        var error = page.Locator(".error");
        await error.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("账号或密码不正确", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("The account or password is not correct", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }
}
