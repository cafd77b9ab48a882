using System.Security.Cryptography;
using Hub.Adapter;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Platforms.Conformance;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Platforms;

/// <summary>The conformance kit against a real adapter (Hub.Adapter with its platform database, the broker user approval
/// issued and the adapter host's endpoints) served over HTTP on loopback.</summary>
public sealed class ConformanceTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Conformance_ConnectedPlatformWithRunningAdapter_EveryCheckPasses()
    {
        await using var store = await TestDatabase.CreateAsync("conformance");
        var platformId = await ConnectedPlatformAsync();
        await using var adapter = await StartAdapterAsync(platformId, store.ConnectionString);
        await ConnectivityTests.ExecuteAsync(store.ConnectionString, $$"""
            INSERT INTO platform.people (local_id, name, document_type, document_number, roles, region_code, gender)
            VALUES ('c1', '张三', 1, '{{Identity.PeopleTestData.NewIdNumber()}}', '{1}', '440305', 0),
                   ('c2', '李四', 1, '{{Identity.PeopleTestData.NewIdNumber()}}', '{2}', '440305', 0);
            """);
        for (var i = 0; i < 240 && await ConnectivityTests.CountAsync(store.ConnectionString, "SELECT count(*) FROM platform.people WHERE hub_id IS NULL") > 0; i++)
        {
            await Task.Delay(250);
        }
        Assert.Equal(0, await ConnectivityTests.CountAsync(store.ConnectionString, "SELECT count(*) FROM platform.people WHERE hub_id IS NULL"));
        await using var scope = app.Factory.Services.CreateAsyncScope();

        var report = await scope.ServiceProvider.GetRequiredService<ConformanceKit>().RunAsync(AddressOf(adapter), TimeSpan.FromSeconds(60), default);

        using var text = new StringWriter();
        await ConformanceCommand.WriteAsync(report, text);
        Assert.True(report.Results.All(r => r.Verdict == Verdict.Pass), text.ToString());
        Assert.Equal(["AD-01", "AD-02", "AC-01", "EX-01", "EX-02", "EX-03", "EX-04", "EX-05", "EX-06"], report.Results.Select(r => r.Id));
        Assert.Contains("platform 2, hub 2, matched", report.Results.Single(r => r.Id == "EX-04").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conformance_NothingListening_DescriptorFails_ExitCodeOne()
    {
        using var output = new StringWriter();

        var code = await ConformanceCommand.RunAsync(app.Factory.Services, ["conformance", "http://127.0.0.1:9/"], output);

        Assert.Equal(1, code);
        Assert.Contains("✗ 未通过 FAIL  AD-01", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await ConformanceCommand.RunAsync(app.Factory.Services, ["conformance", "not-a-url"], output));
    }

    private async Task<string> ConnectedPlatformAsync()
    {
        var data = new PlatformTestData(app);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await data.ApplicantAsync("440300");
        var (reviewer, _) = await data.ReviewerAsync("440000");
        var (platformId, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        using var platform = await data.PlatformClientAsync("platform-" + platformId, key);
        using var connected = await platform.PostAsync(new Uri("/api/v1/platforms/self/connected", UriKind.Relative), null);
        Assert.True(connected.IsSuccessStatusCode, await connected.Content.ReadAsStringAsync());
        broker = credentials.GetProperty("rabbitMq");
        return platformId;
    }

    private System.Text.Json.JsonElement broker;

    /// <summary>The adapter as Hub.Adapter.Host runs it: the library, /health and the descriptor on a real port.</summary>
    private async Task<WebApplication> StartAdapterAsync(string platformId, string store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var section = HubAdapterOptions.SectionName;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{section}:PlatformId"] = platformId,
            [$"{section}:Host"] = TestEnvironment.RabbitHost,
            [$"{section}:Port"] = TestEnvironment.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{section}:VirtualHost"] = broker.GetProperty("virtualHost").GetString(),
            [$"{section}:Username"] = broker.GetProperty("username").GetString(),
            [$"{section}:Password"] = broker.GetProperty("password").GetString(),
            [$"{section}:RequestTimeout"] = "00:00:30",
            [$"{section}:Store:ConnectionString"] = store,
            [$"{section}:Source:Postgres:ConnectionString"] = store,
        });
        builder.Services.AddHubAdapter(builder.Configuration).UsePostgresPlatform();
        var adapter = builder.Build();
        adapter.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => true });
        adapter.MapGet(AdapterDescriptor.Path, (IServiceProvider services) => AdapterDescriptor.Create(services));
        await adapter.StartAsync();
        return adapter;
    }

    private static Uri AddressOf(WebApplication adapter) =>
        new(adapter.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
