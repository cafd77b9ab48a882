using Hub.Testing;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// The hub on real Kestrel plus Debian's chromium driven by Playwright: web UI tests click through the pages as a
/// person would (forms, redirects, cookies, antiforgery), with CJK fonts installed so zh-CN text renders.
/// </summary>
public class BrowserHubApp : HubApp
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    protected override bool ServeOverHttp => true;

    /// <summary>A fresh browser context (own cookies) whose relative URLs resolve against the hub.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress!.ToString(),
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(30_000); // generous: CI shares two cores with the servers under test
        return await context.NewPageAsync();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            // Root in CI has no user namespace sandbox to offer.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
