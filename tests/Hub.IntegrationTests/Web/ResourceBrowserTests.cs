using System.Net.Http.Json;
using Hub.IntegrationTests.Catalog;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Space;
using Hub.Server.Oidc;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Web;

/// <summary>In chromium: a county reviewer approves a resource in the console and finds it in the catalog; a student saves and dismisses it in the space.</summary>
public sealed class ResourceBrowserTests(BrowserHubApp app) : IClassFixture<BrowserHubApp>
{
    [Fact]
    public async Task Resource_ReviewedInConsole_PushedAndSavedInTheSpace()
    {
        var catalog = new CatalogWorld(app);
        var space = new SpaceWorld(app);
        var reviewer = await ConsoleOperators.CreateAsync(app, "440305", HubScopes.ResourcesReview, HubScopes.ResourcesRead);
        var id = await catalog.SubmitAsync("440305", CatalogWorld.Record(title: "荷塘月色朗读微课"));
        var student = await space.PersonAsync("440305", "李同学", 0);

        var console = await app.NewPageAsync();
        await console.GotoAsync("/console");
        await console.FillAsync("#identifier", reviewer);
        await console.FillAsync("#password", ConsoleOperators.Password);
        await console.ClickAsync("#sign-in");
        await console.ClickAsync("a[href='/console/resources']");
        await Assertions.Expect(console.Locator("#pending")).ToContainTextAsync("荷塘月色朗读微课");
        await console.ClickAsync("#pending >> text=荷塘月色朗读微课");
        await Assertions.Expect(console.Locator("#resource")).ToContainTextAsync("统编版");
        await console.ClickAsync("#approve");
        await Assertions.Expect(console.Locator("#done")).ToContainTextAsync("已审核通过");
        await console.FillAsync("#q", "月色朗读");
        await console.ClickAsync("#search");
        await Assertions.Expect(console.Locator("#catalog")).ToContainTextAsync("荷塘月色朗读微课");

        using var pushed = await (await catalog.PlatformAsync("440305")).PostAsJsonAsync($"/api/v1/resources/{id}/pushes",
            new { target = new { kind = "region", regionCode = "440305" }, note = "本周语文拓展" });
        pushed.EnsureSuccessStatusCode();

        var page = await app.NewPageAsync();
        await page.GotoAsync("/space");
        await page.FillAsync("#identifier", student);
        await page.FillAsync("#password", SpaceWorld.Password);
        await page.ClickAsync("#sign-in");
        var row = page.Locator($"#resource-inbox tr[data-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("荷塘月色朗读微课");
        await Assertions.Expect(row).ToContainTextAsync("本周语文拓展");
        await Assertions.Expect(row).ToContainTextAsync("免费");
        await row.Locator("button[value=save]").ClickAsync();
        await Assertions.Expect(page.Locator("#resource-marked")).ToBeVisibleAsync();
        await page.ClickAsync("#show-saved");
        await Assertions.Expect(page.Locator($"#resource-inbox tr[data-id='{id}']")).ToContainTextAsync("取消收藏");
        await page.GotoAsync("/space");
        await page.Locator($"#resource-inbox tr[data-id='{id}'] button[value=dismiss]").ClickAsync();
        await Assertions.Expect(page.Locator("#resource-inbox")).ToContainTextAsync("暂无推送给您的资源");
    }
}
