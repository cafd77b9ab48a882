using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.Adapter.Tests.Support;

/// <summary>Builds adapter hosts for tests: the real library on the real servers, fast intervals.</summary>
public static class AdapterHost
{
    public static IHost Build(IEnumerable<(string Key, string Value)> settings, Action<HubAdapterBuilder>? choose = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        // A test's own setting replaces the default of the same key.
        var own = settings.ToList();
        builder.Configuration.AddInMemoryCollection(Defaults.Where(d => own.All(o => o.Key != d.Key)).Concat(own)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        var adapter = builder.Services.AddHubAdapter(builder.Configuration);
        if (choose is null)
        {
            adapter.UsePostgresPlatform();
        }
        else
        {
            choose(adapter);
        }
        return builder.Build();
    }

    /// <summary>Store and platform database settings on one test database.</summary>
    public static IEnumerable<(string Key, string Value)> Database(TestDatabase database, string platformSchema = "platform") =>
    [
        ("HubAdapter:Store:ConnectionString", database.ConnectionString),
        ("HubAdapter:Source:Postgres:ConnectionString", database.ConnectionString),
        ("HubAdapter:Source:Postgres:Schema", platformSchema),
    ];

    private static readonly (string Key, string Value)[] Defaults =
    [
        ("HubAdapter:Store:PollInterval", "00:00:00.100"),
        ("HubAdapter:Store:RetryDelay", "00:00:00.200"),
        ("HubAdapter:Store:MaxRetryDelay", "00:00:01"),
        ("HubAdapter:Store:SendTimeout", "00:00:03"),
        ("HubAdapter:Pump:PollInterval", "00:00:00.100"),
        ("HubAdapter:Pump:ReconcileInterval", "00:00:00"),
        ("HubAdapter:Pump:HeartbeatInterval", "01:00:00"),
        ("Logging:LogLevel:Default", "Warning"),
    ];

    public static T Get<T>(this IHost host) where T : notnull => host.Services.GetRequiredService<T>();
}
