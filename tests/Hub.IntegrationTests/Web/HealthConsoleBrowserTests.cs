using System.Text.RegularExpressions;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Testing;
using Microsoft.Playwright;

namespace Hub.IntegrationTests.Web;

/// <summary>The hub in chromium with monitoring in seconds instead of minutes: silent after 3 s, the alert after 5 s.</summary>
public sealed class MonitoringBrowserHubApp : BrowserHubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        // The test platform's client assertions name http://localhost/ (as with the in-memory server), not Kestrel's port.
        ("Oidc:Issuer", "http://localhost/"),
        ("Monitoring:Enabled", "true"),
        ("Monitoring:SampleInterval", "00:00:01"),
        ("Monitoring:SilentAfter", "00:00:03"),
        ("Monitoring:Alerts:SilentFor", "00:00:05"),
        ("Monitoring:LiveInterval", "00:00:00.500"),
    ];
}

/// <summary>
/// In chromium: a platform sending heartbeats over the real broker is connected on /console/health; when it stops, the
/// page (no reload: server-sent events) turns it silent and shows the alert; when it resumes, both recover. Screenshots
/// of each step are kept under TestResults/monitoring/.
/// </summary>
public sealed class HealthConsoleBrowserTests(MonitoringBrowserHubApp app) : IClassFixture<MonitoringBrowserHubApp>
{
    private static readonly string Shots = RepositoryRoot.File("TestResults", "monitoring");

    [Fact]
    public async Task Console_PlatformStopsAndResumesHeartbeats_TurnsSilentWithAnAlertThenRecoversLive()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        using var beating = new CancellationTokenSource();
        var heartbeats = BeatAsync(platform, beating.Token);
        var admin = await ConsoleOperators.CreateAsync(app, null, HubScopes.ExchangeManage, HubScopes.PlatformsReview);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console/health");
        await page.FillAsync("#identifier", admin);
        await page.FillAsync("#password", ConsoleOperators.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/console/health", StringComparison.Ordinal));
        var node = page.Locator("#p-" + platform.Id);
        var alert = page.Locator($"#alerts tr[data-rule='platform.silent'][data-subject='{platform.Id}']");
        Directory.CreateDirectory(Shots);

        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-connected"), new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "1-connected.png"), FullPage = true });
        await beating.CancelAsync();
        await heartbeats;
        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-silent"), new() { Timeout = 20_000 });
        await Assertions.Expect(alert).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(alert).ToContainTextAsync("无心跳");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "2-silent-alert.png"), FullPage = true });

        using var again = new CancellationTokenSource();
        var resumed = BeatAsync(platform, again.Token);
        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-connected"), new() { Timeout = 20_000 });
        await Assertions.Expect(alert).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "3-recovered.png"), FullPage = true });

        await page.ClickAsync($"#p-{platform.Id} a");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("正常");
        await Assertions.Expect(page.Locator("#platform-alerts")).ToContainTextAsync("resolved");
        await Assertions.Expect(page.Locator("#chart-lag")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "4-platform.png"), FullPage = true });
        await again.CancelAsync();
        await resumed;
    }

    /// <summary>A heartbeat a second, as an adapter would send one every 30 s.</summary>
    private static async Task BeatAsync(TestPlatform platform, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await platform.SendAsync(new Heartbeat(platform.Id, "1.4.2", DateTimeOffset.UtcNow, new Dictionary<string, long> { ["people"] = 0 }, 0, 0, 0));
            try
            {
                await Task.Delay(1000, ct);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
