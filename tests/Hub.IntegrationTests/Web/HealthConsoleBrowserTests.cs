using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Hub.Adapter;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Platforms;
using Hub.Server.Oidc;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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
        var page = await SignInAsync();
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

    /// <summary>
    /// A platform connecting while the page is open joins the tree by itself: the live stream names a platform the page
    /// has no place for, and the page draws itself again once.
    /// </summary>
    [Fact]
    public async Task Console_PlatformConnectsAfterThePageOpened_JoinsTheTreeWithoutTheOperatorReloading()
    {
        var page = await SignInAsync();
        await Assertions.Expect(page.Locator("#updated")).Not.ToBeEmptyAsync();
        await using var platform = await TestPlatform.ConnectAsync(app);
        using var beating = new CancellationTokenSource();
        var heartbeats = BeatAsync(platform, beating.Token);

        await Assertions.Expect(page.Locator("#p-" + platform.Id)).ToHaveClassAsync(new Regex("state-connected"), new() { Timeout = 20_000 });
        await beating.CancelAsync();
        await heartbeats;
    }

    /// <summary>
    /// The same with the real adapter (the Hub.Adapter library that Hub.Adapter.Host runs, heartbeats every second, its own
    /// platform database and the broker user approval issued): stopped, the platform turns silent and the alert fires;
    /// started again, both recover.
    /// </summary>
    [Fact]
    public async Task Console_RealAdapterStopsAndRestarts_TurnsSilentWithAnAlertThenRecoversLive()
    {
        await using var store = await TestDatabase.CreateAsync("adapterstore");
        var (platformId, settings) = await ApprovedAdapterAsync(store.ConnectionString);
        var adapter = await StartAdapterAsync(settings);
        var page = await SignInAsync();
        var node = page.Locator("#p-" + platformId);
        var alert = page.Locator($"#alerts tr[data-rule='platform.silent'][data-subject='{platformId}']");
        Directory.CreateDirectory(Shots);

        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-connected"), new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "adapter-1-connected.png"), FullPage = true });
        await adapter.StopAsync();
        adapter.Dispose();
        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-silent"), new() { Timeout = 20_000 });
        await Assertions.Expect(alert).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "adapter-2-stopped.png"), FullPage = true });
        using var restarted = await StartAdapterAsync(settings);
        await Assertions.Expect(node).ToHaveClassAsync(new Regex("state-connected"), new() { Timeout = 30_000 });
        await Assertions.Expect(alert).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "adapter-3-restarted.png"), FullPage = true });
        await restarted.StopAsync();
    }

    private async Task<IPage> SignInAsync()
    {
        var admin = await ConsoleOperators.CreateAsync(app, null, HubScopes.ExchangeManage, HubScopes.PlatformsReview);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console/health");
        await page.FillAsync("#identifier", admin);
        await page.FillAsync("#password", ConsoleOperators.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => url.EndsWith("/console/health", StringComparison.Ordinal));
        return page;
    }

    /// <summary>An approved platform and its adapter's settings: the broker credentials as approval issued them.</summary>
    private async Task<(string PlatformId, Dictionary<string, string?> Settings)> ApprovedAdapterAsync(string store)
    {
        var data = new PlatformTestData(app);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await data.ApplicantAsync("440300");
        var (reviewer, _) = await data.ReviewerAsync("440000");
        var (platformId, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        var rabbit = credentials.GetProperty("rabbitMq");
        var section = HubAdapterOptions.SectionName;
        return (platformId, new Dictionary<string, string?>
        {
            [$"{section}:PlatformId"] = platformId,
            [$"{section}:Host"] = TestEnvironment.RabbitHost,
            [$"{section}:Port"] = TestEnvironment.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{section}:VirtualHost"] = rabbit.GetProperty("virtualHost").GetString(),
            [$"{section}:Username"] = rabbit.GetProperty("username").GetString(),
            [$"{section}:Password"] = rabbit.GetProperty("password").GetString(),
            [$"{section}:Store:ConnectionString"] = store,
            [$"{section}:Source:Postgres:ConnectionString"] = store,
            [$"{Hub.Adapter.Pump.PumpOptions.SectionName}:HeartbeatInterval"] = "00:00:01",
        });
    }

    private static async Task<IHost> StartAdapterAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHubAdapter(builder.Configuration).UsePostgresPlatform();
        var host = builder.Build();
        await host.StartAsync();
        return host;
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
