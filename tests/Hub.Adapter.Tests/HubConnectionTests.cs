using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Tests;

public sealed class HubConnectionTests
{
    [Fact]
    public async Task CheckConnectivity_NoHubListening_ThrowsHubUnreachableAfterTimeout()
    {
        await using var vhost = await TestVirtualHost.CreateAsync("adaptertest");
        using var host = Build(Settings(vhost.Name, ("RequestTimeout", "00:00:01")));
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();

        var hub = scope.ServiceProvider.GetRequiredService<IHubConnection>();

        await Assert.ThrowsAsync<HubUnreachableException>(() => hub.CheckConnectivityAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_WithoutBrokerCredentials_FailsValidation()
    {
        using var host = Build([("Host", "127.0.0.1"), ("Port", "5672"), ("VirtualHost", "/")]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Username", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(IEnumerable<(string Key, string Value)> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(kv =>
            new KeyValuePair<string, string?>($"{HubAdapterOptions.SectionName}:{kv.Key}", kv.Value)));
        builder.Services.AddHubAdapter(builder.Configuration);
        return builder.Build();
    }

    private static (string, string)[] Settings(string vhost, params (string, string)[] extra) =>
    [
        ("Host", TestEnvironment.RabbitHost),
        ("Port", TestEnvironment.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("VirtualHost", vhost),
        ("Username", TestEnvironment.RabbitUsername),
        ("Password", TestEnvironment.RabbitPassword),
        .. extra,
    ];
}
