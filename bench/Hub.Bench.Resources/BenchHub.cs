using System.Globalization;
using Hub.Server.Persistence;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Bench.Resources;

/// <summary>
/// The real hub (Program: every service, MassTransit on the real broker, the real PostgreSQL) hosted in this process on
/// a database and virtual host of its own, created on the test servers (./hub.sh test-env) and dropped at the end.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    public required TestDatabase Database { get; init; }
    public required TestVirtualHost VirtualHost { get; init; }
    public required WebApplicationFactory<Program> Factory { get; init; }
    public required DirectoryInfo Storage { get; init; }

    public static async Task<BenchHub> StartAsync(int inboundConcurrency)
    {
        var database = await TestDatabase.CreateAsync("bench");
        var vhost = await TestVirtualHost.CreateAsync();
        var storage = Directory.CreateTempSubdirectory("hub-bench-");
        var settings = new List<(string, string)>(TestKeys.HubSettings)
        {
            ("ConnectionStrings:Hub", database.ConnectionString),
            ("RabbitMq:Host", TestEnvironment.RabbitHost), ("RabbitMq:Port", TestEnvironment.RabbitPort.ToString(CultureInfo.InvariantCulture)),
            ("RabbitMq:ManagementPort", TestEnvironment.RabbitManagementPort.ToString(CultureInfo.InvariantCulture)),
            ("RabbitMq:VirtualHost", vhost.Name), ("RabbitMq:Username", TestEnvironment.RabbitUsername), ("RabbitMq:Password", TestEnvironment.RabbitPassword),
            ("RabbitMq:InboundConcurrency", inboundConcurrency.ToString(CultureInfo.InvariantCulture)),
            ("Space:Storage:ActiveMasterKeyId", "m1"), ("Space:Storage:MasterKeys:m1", TestKeys.Random32()),
            ("Space:Storage:Copies", "2"), ("Space:Storage:WriteQuorum", "2"),
            // Background services start before the bench migrates the fresh database and complain until it has; their failures are not
            // measured. Every log line goes to stderr: stdout is the results table.
            ("Logging:LogLevel:Default", "Warning"), ("Logging:Console:LogToStandardErrorThreshold", "Trace"), ("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"),
            ("Logging:LogLevel:Hub.Server.Exchange.Delivery.OutboxRelay", "None"), ("Logging:LogLevel:Hub.Server.Exchange.Sync.PlatformTopologyStartup", "None"),
        };
        for (var i = 0; i < 2; i++)
        {
            settings.Add(($"Space:Storage:Backends:{i}:Name", "disk-" + i));
            settings.Add(($"Space:Storage:Backends:{i}:Kind", "FileSystem"));
            settings.Add(($"Space:Storage:Backends:{i}:Root", storage.CreateSubdirectory("disk-" + i).FullName));
        }
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
        }
        return new BenchHub { Database = database, VirtualHost = vhost, Factory = factory, Storage = storage };
    }

    public async Task ExecuteAsync(string sql, int timeoutSeconds = 3600)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// People spread over the Guangdong counties, in one set-based insert with every index in place. Hub ids look like
    /// real ones (17 characters of the hub id alphabet, in no particular order: the first 16 hex digits of SHA-256(n)), so
    /// their index order is unrelated to the row order, as for people registered over time.
    /// </summary>
    public async Task AddPeopleAsync(long from, long to, string[] counties) =>
        await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO people (hub_id, name, gender, roles, region_code, status, verification_level, created_at, updated_at)
            SELECT 'P' || upper(left(encode(sha256(g::text::bytea), 'hex'), 16)), '学生' || g, 0, ARRAY[0]::smallint[], (ARRAY['{string.Join("','", counties)}'])[1 + g % {counties.Length}],
                   0, 0, now(), now()
            FROM generate_series({from}, {to - 1}) AS g
            """));

    /// <summary>The hub id <see cref="AddPeopleAsync"/> gave person number <paramref name="n"/>.</summary>
    public static string HubId(long n) =>
        "P" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture))))[..16];

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await VirtualHost.DisposeAsync();
        if (Environment.GetEnvironmentVariable("KEEP_DATABASE") == "1")
        {
            Console.Error.WriteLine($"  database kept: {Database.Name}");
        }
        else
        {
            await Database.DisposeAsync();
        }
        Storage.Delete(recursive: true);
    }
}
