using System.Net.Http.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Support;
using Hub.Server.Oidc;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Web;

/// <summary>In chromium: a school account files a request in the console, a county support engineer handles it, the school confirms and rates.</summary>
public sealed class SupportConsoleBrowserTests(BrowserHubApp app) : IClassFixture<BrowserHubApp>
{
    private async Task<IPage> SignInAsync(string hubId)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", ConsoleOperators.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/console", StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task Console_SchoolFilesEngineerResolvesSchoolConfirmsAndRates()
    {
        var s = await SupportScenario.CreateAsync(app);
        var team = await s.TeamAsync(s.County);
        var engineer = await ConsoleOperators.CreateAsync(app, s.County, HubScopes.SupportHandle);
        (await s.Manager.PutAsJsonAsync($"/api/v1/support/teams/{team}/members", new { hubId = engineer, lead = true })).EnsureSuccessStatusCode();
        var teacher = await ConsoleOperators.CreatePersonAsync(app, s.County);
        await ConsoleOperators.GrantSchoolAsync(app, teacher, s.School, HubScopes.SupportRequest);

        var school = await SignInAsync(teacher);
        await school.ClickAsync("a[href='/console/support']");
        await school.SelectOptionAsync("#kind", "equipment_fault");
        await school.SelectOptionAsync("#urgency", "high");
        await school.FillAsync("#classroom", "三年级二班");
        await school.FillAsync("#title", "投影仪无法开机");
        await school.FillAsync("#description", "按下电源键没有反应。");
        await school.ClickAsync("#file-submit");
        await Assertions.Expect(school.Locator("#status")).ToContainTextAsync("已分派");
        var number = (await school.Locator("h1").TextContentAsync())!.Trim();
        Assert.Matches($"^SR-{s.County}-", number);

        var support = await SignInAsync(engineer);
        await support.GotoAsync("/console/support?queue=mine");
        await support.ClickAsync($"a:text('{number}')");
        await support.ClickAsync("#op-start");
        await Assertions.Expect(support.Locator("#status")).ToContainTextAsync("处理中");
        await support.FillAsync("#act textarea[name=note]", "已更换电源板，请学校确认。");
        await support.ClickAsync("#op-resolve");
        await Assertions.Expect(support.Locator("#status")).ToContainTextAsync("已解决");

        await school.ReloadAsync();
        await Assertions.Expect(school.Locator("#resolution")).ToContainTextAsync("已更换电源板");
        await school.ClickAsync("#op-confirm");
        await Assertions.Expect(school.Locator("#status")).ToContainTextAsync("已关闭");
        await school.SelectOptionAsync("#rating", "5");
        await school.ClickAsync("#op-rate");
        await Assertions.Expect(school.Locator("#rating")).ToContainTextAsync("5 / 5");
        await Assertions.Expect(school.Locator("#history")).ToContainTextAsync("confirm");
    }
}
