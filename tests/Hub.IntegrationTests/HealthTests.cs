using System.Net;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests;

public sealed class HealthTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Live_RunningHost_ReportsHealthy()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_DatabaseAndBrokerReachable_ReportsEachCheckHealthy()
    {
        var client = app.CreateClient();

        // The bus connects asynchronously after start; give it a few seconds.
        using var json = await PollReadyAsync(client, TimeSpan.FromSeconds(30));

        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    internal static async Task<JsonDocument> PollReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return JsonDocument.Parse(body);
            }
            await Task.Delay(250);
        }
    }
}

public sealed class UnmigratedHealthTests(UnmigratedHubApp app) : IClassFixture<UnmigratedHubApp>
{
    [Fact]
    public async Task Ready_SchemaNotMigrated_ReportsUnhealthyWith503()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
    }
}
