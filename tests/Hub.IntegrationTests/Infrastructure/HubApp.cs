using Hub.Server.Persistence;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// The real hub in a test host, on a database and a RabbitMQ virtual host of its own.
/// One instance per test class (IClassFixture), so classes never see each other's data.
/// </summary>
public class HubApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public TestDatabase Database { get; private set; } = null!;
    public TestVirtualHost VirtualHost { get; private set; } = null!;

    /// <summary>A directory of this hub's own for the space's file-system storage backends (removed at the end).</summary>
    public DirectoryInfo StorageRoot { get; } = Directory.CreateTempSubdirectory("hub-space-");

    /// <summary>The space's storage: by default two file-system backends under <see cref="StorageRoot"/>; fixtures override.</summary>
    protected virtual IEnumerable<(string Key, string Value)> StorageSettings => SpaceStorage.FileSystem(StorageRoot, "disk-a", "disk-b");

    /// <summary>Whether to apply migrations before the hub starts.</summary>
    protected virtual bool Migrate => true;

    /// <summary>Settings a derived fixture adds or overrides.</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    /// <summary>Serve over real Kestrel on a free loopback port (for a real browser) instead of the in-memory test server.</summary>
    protected virtual bool ServeOverHttp => false;

    /// <summary>Where the hub listens when <see cref="ServeOverHttp"/> is set.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Further host configuration of a derived fixture (e.g. a capturing logger).</summary>
    protected virtual void ConfigureWebHost(IWebHostBuilder web)
    {
    }

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not initialised");

    public HttpClient CreateClient() => Factory.CreateClient();

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        VirtualHost = await TestVirtualHost.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:Hub", Database.ConnectionString);
            // The health sampler peeks at dead letters and writes samples every round: only the tests of monitoring turn it on.
            foreach (var (key, value) in RabbitSettings(VirtualHost.Name).Concat(TestKeys.HubSettings).Concat(StorageSettings)
                .Append(("Monitoring:Enabled", "false")).Concat(ExtraSettings))
            {
                web.UseSetting(key, value);
            }
            ConfigureWebHost(web);
        });
        if (ServeOverHttp)
        {
            _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            var addresses = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            BaseAddress = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
        if (Migrate)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
        }
    }

    public static IEnumerable<(string Key, string Value)> RabbitSettings(string virtualHost, string section = "RabbitMq") =>
    [
        // The management API is the hub's (platform users and permissions), not the adapter's.
        .. section == "RabbitMq"
            ? [($"{section}:ManagementPort", TestEnvironment.RabbitManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : Array.Empty<(string, string)>(),
        ($"{section}:Host", TestEnvironment.RabbitHost),
        ($"{section}:Port", TestEnvironment.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ($"{section}:VirtualHost", virtualHost),
        ($"{section}:Username", TestEnvironment.RabbitUsername),
        ($"{section}:Password", TestEnvironment.RabbitPassword),
    ];

    // RabbitMQ users are broker-wide, not per virtual host: remove the ones approvals in this class created.
    private async Task DeletePlatformBrokerUsersAsync()
    {
        if (!Migrate)
        {
            return;
        }
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Hub.Server.Platforms.PlatformAccess>()
            .Where(p => p.RabbitMqUser != null).Select(p => p.RabbitMqUser!).ToListAsync();
        foreach (var user in users)
        {
            await TestVirtualHost.DeleteUserAsync(user);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await DeletePlatformBrokerUsersAsync();
            await _factory.DisposeAsync();
        }
        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
        StorageRoot.Delete(recursive: true);
    }
}

/// <summary>A hub whose database exists but has never been migrated.</summary>
public sealed class UnmigratedHubApp : HubApp
{
    protected override bool Migrate => false;
}
