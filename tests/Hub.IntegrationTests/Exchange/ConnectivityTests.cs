using System.Security.Cryptography;
using Hub.Adapter;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Platforms;
using Hub.Server.Api;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.IntegrationTests.Exchange;

/// <summary>
/// A platform's adapter (the real Hub.Adapter library with the broker user approval issued, restricted to
/// <c>platform.{id}.…</c>) and the hub, two separate buses, talking through the real RabbitMQ.
/// </summary>
public sealed class ConnectivityTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task CheckConnectivity_AdapterToHubThroughRabbitMq_HubAnswersWithItsVersion()
    {
        await using var store = await TestDatabase.CreateAsync("adapterstore");
        using var adapter = await StartAdapterAsync(store.ConnectionString);
        await using var scope = adapter.Services.CreateAsyncScope();
        var hub = scope.ServiceProvider.GetRequiredService<IHubConnection>();

        var reply = await hub.CheckConnectivityAsync();

        Assert.Equal(HubVersion.Current, reply.HubVersion);
        Assert.Equal("v1", reply.ContractVersion);
        Assert.True(reply.RespondedAt >= reply.ReceivedAt);
        await adapter.StopAsync();
    }

    [Fact]
    public async Task Sync_PlatformDatabaseThroughAdapterAndHub_HubIdsWrittenBackAndRejectionReported()
    {
        await using var store = await TestDatabase.CreateAsync("adapterstore");
        using var adapter = await StartAdapterAsync(store.ConnectionString);
        var good = new[] { Identity.PeopleTestData.NewIdNumber(), Identity.PeopleTestData.NewIdNumber() };

        await ExecuteAsync(store.ConnectionString, $$"""
            INSERT INTO platform.people (local_id, name, document_type, document_number, roles, region_code, gender)
            VALUES ('e1', '张三', 1, '{{good[0]}}', '{1}', '440305', 0), ('e2', '李四', 1, '{{good[1]}}', '{1}', '440305', 0),
                   ('bad', '王五', 1, '440305199001011234', '{1}', '440305', 0);
            """);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long linked = 0, rejected = 0;
        while (DateTime.UtcNow < deadline && (linked < 2 || rejected < 1))
        {
            await Task.Delay(250);
            linked = await CountAsync(store.ConnectionString, "SELECT count(*) FROM platform.people WHERE hub_id IS NOT NULL");
            rejected = await CountAsync(store.ConnectionString, "SELECT count(*) FROM platform.hub_record_issues WHERE key = 'bad' AND kind = 'rejected'");
        }

        Assert.Equal(2, linked);
        Assert.Equal(1, rejected);
        await adapter.StopAsync();
    }

    /// <summary>Runs SQL on a platform database, waiting for the adapter to have created its layout.</summary>
    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        // The adapter creates the platform layout at start.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is "42P01" or "3F000" && attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    internal static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An approved platform's adapter: its id and broker credentials as approval issued them.</summary>
    private async Task<IHost> StartAdapterAsync(string store)
    {
        var data = new PlatformTestData(app);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await data.ApplicantAsync("440300");
        var (reviewer, _) = await data.ReviewerAsync("440000");
        var (platformId, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        var rabbit = credentials.GetProperty("rabbitMq");
        var builder = Host.CreateApplicationBuilder();
        var section = HubAdapterOptions.SectionName;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{section}:PlatformId"] = platformId,
            [$"{section}:Host"] = TestEnvironment.RabbitHost,
            [$"{section}:Port"] = TestEnvironment.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{section}:VirtualHost"] = rabbit.GetProperty("virtualHost").GetString(),
            [$"{section}:Username"] = rabbit.GetProperty("username").GetString(),
            [$"{section}:Password"] = rabbit.GetProperty("password").GetString(),
            [$"{section}:RequestTimeout"] = "00:00:30",
            [$"{section}:Store:ConnectionString"] = store,
            [$"{section}:Source:Postgres:ConnectionString"] = store,
        });
        builder.Services.AddHubAdapter(builder.Configuration).UsePostgresPlatform();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
