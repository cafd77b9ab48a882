using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Hub.IntegrationTests.Identity.PeopleTestData;

namespace Hub.IntegrationTests.Identity;

/// <summary>A hub whose every log message, at every level, is kept for inspection.</summary>
public sealed class LogCapturingHubApp : HubApp
{
    public ConcurrentQueue<string> Messages { get; } = new();

    // Every category at Trace, overriding appsettings; only this provider, so the test output stays readable.
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => CapturingLoggerProvider.TraceEverything;

    protected override void ConfigureWebHost(IWebHostBuilder web) => web.ConfigureLogging(logging =>
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.Services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Messages));
    });
}

public sealed class PersonalDataLeakTests(LogCapturingHubApp app) : IClassFixture<LogCapturingHubApp>
{
    [Fact]
    public async Task Logs_AtEveryLevel_NeverContainTheDocumentNumber()
    {
        var (client, _) = await PlatformClients.CreateAsync(app, "440300",
            HubScopes.PeopleWrite, HubScopes.PeopleRead, HubScopes.PeopleDocumentRead);
        var id = NewIdNumber();

        using var created = await client.PostAsJsonAsync("/api/v1/people", Registration(id));
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();
        using var again = await client.PostAsJsonAsync("/api/v1/people", Registration(id, name: "另一个名字"));
        using var lookup = await client.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = id } });
        using var reveal = await client.GetAsync(new Uri($"/api/v1/people/{hubId}/document?purpose=学籍核验", UriKind.Relative));
        using var broken = await client.PostAsJsonAsync("/api/v1/people", Registration(id[..17] + (id[17] == '1' ? '2' : '1')));

        Assert.True(reveal.IsSuccessStatusCode);
        Assert.True(app.Messages.Count > 20, "the capturing logger saw too little to be a meaningful check");
        Assert.DoesNotContain(app.Messages, m => m.Contains(id[..17], StringComparison.Ordinal));
    }
}
