using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Pilot;
using Hub.Server.Oidc;
using Microsoft.Playwright;
using static Hub.IntegrationTests.Pilot.PilotTestData;

namespace Hub.IntegrationTests.Web;

/// <summary>The pilot application's long form in chromium, as a provincial 电教 department fills it in.</summary>
public sealed class PilotConsoleBrowserTests(PilotConsoleBrowserTests.App app) : IClassFixture<PilotConsoleBrowserTests.App>
{
    /// <summary>A browser-served hub whose pilot deadlines have not passed.</summary>
    public sealed class App : BrowserHubApp
    {
        protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
            [("Pilot:ProvincialDeadline", "2099-12-31"), ("Pilot:DirectDeadline", "2099-12-31")];
    }

    [Fact]
    public async Task PilotForm_FilledInChromium_SavesDraftThenSubmitsWithCoverage()
    {
        var (province, _, county) = NewCounty();
        var (client, _) = await Province(app, province);
        var schools = await RegisterSchoolsAsync(client, county, 2);
        var hubId = await ConsoleOperators.CreateAsync(app, province, HubScopes.PilotApply);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console/pilot/new");
        await page.FillAsync("#identifier", hubId);
        await page.FillAsync("#password", ConsoleOperators.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/console/pilot/new", StringComparison.Ordinal));

        foreach (var (name, value) in PilotPageTests.Fields(province, county, schools))
        {
            await FillAsync(page, name, value);
        }
        await page.ClickAsync("button[name=save]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/console/pilot/\d+$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("草稿");
        await page.ClickAsync("button[name=submit]");

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("已提交，待评审");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("100.0%");
    }

    /// <summary>Fills a field the way a person would: types into inputs and text areas, picks options, ticks boxes.</summary>
    private static async Task FillAsync(IPage page, string name, string value)
    {
        var field = page.Locator($"[name='{name}']").First;
        var tag = await field.EvaluateAsync<string>("e => e.tagName.toLowerCase() + ':' + (e.type || '')");
        switch (tag)
        {
            case "select:select-one":
                await field.SelectOptionAsync(value);
                break;
            case "input:checkbox":
                await page.Locator($"[name='{name}'][value='{value}']").CheckAsync();
                break;
            default:
                await field.FillAsync(value);
                break;
        }
    }
}
