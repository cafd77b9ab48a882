using Hub.Adapter;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.IntegrationTests.Exchange;

/// <summary>A platform's adapter and the hub, two separate buses, talking through the real RabbitMQ.</summary>
public sealed class ConnectivityTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task CheckConnectivity_AdapterToHubThroughRabbitMq_HubAnswersWithItsVersion()
    {
        _ = app.Factory.Services; // starts the hub and its bus
        using var adapter = await StartAdapterAsync(app.VirtualHost.Name);
        await using var scope = adapter.Services.CreateAsyncScope();
        var hub = scope.ServiceProvider.GetRequiredService<IHubConnection>();

        var reply = await hub.CheckConnectivityAsync();

        Assert.Equal(HubVersion.Current, reply.HubVersion);
        Assert.Equal("v1", reply.ContractVersion);
        Assert.True(reply.RespondedAt >= reply.ReceivedAt);
    }

    private static async Task<IHost> StartAdapterAsync(string virtualHost)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(HubApp.RabbitSettings(virtualHost, HubAdapterOptions.SectionName)
            .Append((Key: $"{HubAdapterOptions.SectionName}:RequestTimeout", Value: "00:00:30"))
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        builder.Services.AddHubAdapter(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
