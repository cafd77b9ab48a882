using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hub.Adapter;
using Hub.Adapter.Reconciliation;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Platforms;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace Hub.IntegrationTests.Exchange.Faults;

/// <summary>The RabbitMQ node a scenario's hub and adapter use, with an administrator for the hub's management calls.</summary>
public sealed record Broker(string Host, int Port, int ManagementPort, string VirtualHost, string Username, string Password);

/// <summary>
/// An initial sync through everything real, for fault tests: a platform database filled by the adapter host's
/// <c>seed-demo</c> generator, the Hub.Adapter library reading it and sending over RabbitMQ with the broker user approval
/// issued, and Hub.Server as a separate process (<see cref="HubProcess"/>) on a database of its own, which a test can kill
/// and start again. The platform is onboarded first through a short-lived in-process hub on the same database and broker,
/// disposed before the hub process starts, so that only the process consumes. <see cref="AssertSourceEqualsHubAsync"/> is
/// the end state every fault must still reach.
/// </summary>
internal sealed class SyncUnderFault : IAsyncDisposable
{
    private const string Region = "440300";
    private readonly Broker _broker;
    private readonly ITestOutputHelper _output;
    private readonly string _name;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DirectoryInfo _storage = Directory.CreateTempSubdirectory("hub-fault-space-");
    private readonly List<HubProcess> _hubs = [];
    private readonly List<IHost> _adapters = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _adapterLog = new();
    private List<(string Key, string Value)> _hubSettings = [];
    private Dictionary<string, string?> _adapterSettings = [];
    private string _brokerUser = "";

    private SyncUnderFault(Broker broker, ITestOutputHelper output, string name)
    {
        _broker = broker;
        _output = output;
        _name = name;
    }

    public TestDatabase HubDatabase { get; private set; } = null!;
    public TestDatabase PlatformDatabase { get; private set; } = null!;

    /// <summary>The platform's OIDC client id: the hub records its people's links under it.</summary>
    public string ClientId { get; private set; } = "";

    public int People { get; private set; }

    /// <summary>Databases, onboarding and seed; nothing runs yet.</summary>
    public static async Task<SyncUnderFault> PrepareAsync(Broker broker, int people, ITestOutputHelper output,
        [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var scenario = new SyncUnderFault(broker, output, name) { People = people };
        try
        {
            await scenario.PrepareAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync()
    {
        HubDatabase = await TestDatabase.CreateAsync("hubfault");
        PlatformDatabase = await TestDatabase.CreateAsync("platformfault");
        _hubSettings =
        [
            ("ConnectionStrings:Hub", HubDatabase.ConnectionString),
            ("RabbitMq:Host", _broker.Host),
            ("RabbitMq:Port", _broker.Port.ToString(CultureInfo.InvariantCulture)),
            ("RabbitMq:ManagementPort", _broker.ManagementPort.ToString(CultureInfo.InvariantCulture)),
            ("RabbitMq:VirtualHost", _broker.VirtualHost),
            ("RabbitMq:Username", _broker.Username),
            ("RabbitMq:Password", _broker.Password),
            .. TestKeys.HubSettings,
            .. SpaceStorage.FileSystem(_storage, "disk-a", "disk-b"),
            ("Monitoring:Enabled", "false"),
            // Answers that failed while the broker was away are tried again within seconds of its return, not after
            // the default backoff of up to five minutes, and a confirm lost with the connection is given up after 5 s
            // instead of 15: the test waits for them. The outcome (sent again, applied once) is the same.
            ("Outbox:MaxRetryDelay", "00:00:02"),
            ("Outbox:PublishTimeout", "00:00:05"),
            ("Logging:LogLevel:Default", "Warning"),
            ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"),
        ];
        var seeded = SeedAsync();
        var onboarded = OnboardAsync();
        await Task.WhenAll(seeded, onboarded);
        var (platformId, credentials) = await onboarded;
        var rabbit = credentials.GetProperty("rabbitMq");
        _brokerUser = rabbit.GetProperty("username").GetString()!;
        var section = HubAdapterOptions.SectionName;
        _adapterSettings = new Dictionary<string, string?>
        {
            [$"{section}:PlatformId"] = platformId,
            [$"{section}:Host"] = _broker.Host,
            [$"{section}:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            [$"{section}:VirtualHost"] = rabbit.GetProperty("virtualHost").GetString(),
            [$"{section}:Username"] = _brokerUser,
            [$"{section}:Password"] = rabbit.GetProperty("password").GetString(),
            [$"{section}:Store:ConnectionString"] = PlatformDatabase.ConnectionString,
            [$"{section}:Source:Postgres:ConnectionString"] = PlatformDatabase.ConnectionString,
            // As for the hub: after an outage, sends are retried within seconds.
            [$"{section}:Store:MaxRetryDelay"] = "00:00:02",
            [$"{section}:Store:SendTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Log($"prepared: platform {platformId}, {People} people seeded");
    }

    /// <summary>Migrates the hub's database and approves a city platform, in process; the in-process hub is gone afterwards.</summary>
    private async Task<(string PlatformId, System.Text.Json.JsonElement Credentials)> OnboardAsync()
    {
        await using var hub = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            // Its relay and consumers run before the migration below and would only log that the tables are missing.
            web.ConfigureLogging(logging => logging.ClearProviders());
            foreach (var (key, value) in _hubSettings)
            {
                web.UseSetting(key, value);
            }
        });
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().Database.MigrateAsync();
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await PlatformClients.CreateAsync(hub, Region, HubScopes.PlatformsApply);
        var (reviewer, _) = await PlatformClients.CreateAsync(hub, Region[..2] + "0000", HubScopes.PlatformsReview);
        using (applicant)
        using (reviewer)
        {
            var (platformId, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, Region, key);
            ClientId = credentials.GetProperty("clientId").GetString()!;
            return (platformId, credentials.Clone());
        }
    }

    /// <summary>Realistic people (valid ID numbers, schools, guardians) from the adapter host's own generator.</summary>
    private Task SeedAsync() => BuildOutput.RunAsync(BuildOutput.Program("Hub.Adapter.Host"),
        ["seed-demo", "--connection", PlatformDatabase.ConnectionString, "--people", People.ToString(CultureInfo.InvariantCulture),
            "--region", Region, "--seed", "7"], TimeSpan.FromMinutes(2));

    /// <summary>Starts a hub process on the scenario's database and broker; waits until it is ready.</summary>
    public async Task<HubProcess> StartHubAsync()
    {
        var hub = await HubProcess.StartAsync(_hubSettings, TimeSpan.FromMinutes(2));
        _hubs.Add(hub);
        Log($"hub process ready at {hub.Address}");
        return hub;
    }

    /// <summary>Starts the platform's adapter (the Hub.Adapter library with the PostgreSQL source and sink).</summary>
    public async Task<IHost> StartAdapterAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(_adapterSettings);
        builder.Logging.ClearProviders().AddProvider(new CapturingLoggerProvider(_adapterLog, TimeProvider.System));
        builder.Services.AddHubAdapter(builder.Configuration).UsePostgresPlatform();
        var adapter = builder.Build();
        _adapters.Add(adapter);
        await adapter.StartAsync();
        Log("adapter started");
        return adapter;
    }

    /// <summary>Waits until the hub has committed at least <paramref name="people"/> of the platform's people; returns how many.</summary>
    public async Task<long> WaitForHubLinksAsync(long people, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var links = await HubLinksAsync();
            if (links >= people)
            {
                Log($"hub holds {links} links");
                return links;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The hub holds {links} of the platform's people after {timeout}, expected {people}: {await DescribeAsync()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Corrects the names of about one person in fifteen at the source (each gets a new version), spread over every batch
    /// of the sync, so some of these people already reached the hub and some still wait in the queue; returns how many.
    /// </summary>
    public async Task<long> ChangeSomePeopleAsync()
    {
        var changed = await ScalarAsync(PlatformDatabase,
            "WITH c AS (UPDATE platform.people SET name = name || '新' WHERE abs(hashtext(local_id)) % 15 = 0 RETURNING 1) SELECT count(*) FROM c");
        Log($"{changed} people changed at the source");
        return changed;
    }

    /// <summary>Waits until the adapter has tried and failed to send a message (its relay met the outage).</summary>
    public async Task WaitForFailedSendsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM hub_adapter.outbox WHERE published_at IS NULL AND attempts > 0") == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The adapter did not fail to send within {timeout}: {await DescribeAsync()}");
            }
            await Task.Delay(100);
        }
        Log("the adapter's sends fail: " + await InFlightAsync());
    }

    /// <summary>What is in flight right now: the hub's open transactions and both outboxes' unsent messages.</summary>
    public async Task<string> InFlightAsync() =>
        $"{await ScalarAsync(HubDatabase, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()")} hub transactions open, " +
        $"{await ScalarAsync(HubDatabase, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL")} answers and " +
        $"{await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM hub_adapter.outbox WHERE published_at IS NULL")} batches unsent";

    /// <summary>The platform's live links at the hub.</summary>
    public Task<long> HubLinksAsync() => ScalarAsync(HubDatabase, "SELECT count(*) FROM person_links WHERE platform_id = $1 AND removed_at IS NULL", ClientId);

    /// <summary>
    /// Waits until the sync has settled: the hub holds every source person, every answer has been written back into the
    /// platform database, and the adapter has nothing left to send.
    /// </summary>
    public async Task WaitForSyncAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var links = await HubLinksAsync();
            var unanswered = await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM platform.people WHERE hub_version IS DISTINCT FROM version");
            var unsent = await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM hub_adapter.outbox WHERE published_at IS NULL");
            if (links >= People && unanswered == 0 && unsent == 0)
            {
                Log("sync settled");
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The sync did not settle within {timeout}: {await DescribeAsync()}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// The end state: the hub holds exactly the source's people (count and reconciliation digest over key and version),
    /// no person and no link twice, every message applied once and answered once, every answer written back.
    /// </summary>
    public async Task AssertSourceEqualsHubAsync()
    {
        var source = await RowsAsync(PlatformDatabase, "SELECT local_id, version, hub_id, name FROM platform.people");
        var hub = await RowsAsync(HubDatabase, """
            SELECT l.local_id, l.source_version, p.hub_id, p.name FROM person_links l JOIN people p ON p.id = l.person_id
            WHERE l.platform_id = $1 AND l.removed_at IS NULL
            """, ClientId);

        // Count and digest over (key, version), as reconciliation computes them.
        Assert.Equal(People, source.Count);
        Assert.Equal(source.Count, hub.Count);
        Assert.Equal(DigestOf(source), DigestOf(hub));

        // No duplicates: one hub person per document, one link per platform key, one person per link.
        Assert.Equal(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM (SELECT 1 FROM people WHERE document_index IS NOT NULL GROUP BY document_index HAVING count(*) > 1) d"));
        Assert.Equal(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM (SELECT 1 FROM person_links GROUP BY platform_id, local_id HAVING count(*) > 1) d"));
        Assert.Equal(source.Count, await ScalarAsync(HubDatabase, "SELECT count(*) FROM people"));
        Assert.Equal(source.Count, await ScalarAsync(HubDatabase, "SELECT count(DISTINCT person_id) FROM person_links WHERE platform_id = $1", ClientId));
        // Links and memberships carry no foreign key to people (bench/RESULTS.md): none may point at a missing person.
        Assert.Equal(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM person_links l WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = l.person_id)"));
        Assert.Equal(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM person_affiliations a WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = a.person_id)"));
        Assert.NotEqual(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM person_affiliations"));

        // Every message the adapter sent was applied exactly once and answered exactly once.
        foreach (var (contract, consumer, entity) in (IEnumerable<(string, string, string)>)
                 [("PeopleChanged", "PeopleChangedConsumer", "people"), ("OrganizationsChanged", "OrganizationsChangedConsumer", "organizations")])
        {
            var sent = await ColumnAsync(PlatformDatabase, "SELECT message_id::text FROM hub_adapter.outbox WHERE contract_type = $1", "Hub.Contracts.V1." + contract);
            var applied = await ColumnAsync(HubDatabase, "SELECT message_id::text FROM inbox_messages WHERE consumer = $1", consumer);
            var answered = await ColumnAsync(HubDatabase,
                "SELECT body::jsonb->>'batchId' FROM outbox_messages WHERE message_type = 'Hub.Contracts.V1.IdentitiesAssigned' AND body::jsonb->>'entity' = $1 AND published_at IS NOT NULL", entity);
            Assert.NotEmpty(sent);
            Assert.Equal(sent.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
            Assert.Equal(sent.Count, answered.Count);
            Assert.Equal(answered.Count, answered.Distinct(StringComparer.Ordinal).Count());
        }
        Assert.Equal(0, await ScalarAsync(HubDatabase, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND destination IS NOT NULL"));
        Assert.Equal(await ScalarAsync(HubDatabase, "SELECT count(*) FROM outbox_messages WHERE message_type = 'Hub.Contracts.V1.IdentitiesAssigned'"),
            await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM hub_adapter.inbox WHERE consumer = 'IdentitiesAssigned'"));

        // The newest versions' content, not only their numbers: every name as the source has it now.
        var held = hub.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var renamed = source.Where(r => held[r.Key].Name != r.Name).Select(r => r.Key).ToList();
        Assert.True(renamed.Count == 0, $"{renamed.Count} people with another name at the hub than at the source, e.g. {string.Join(", ", renamed.Take(5))}");

        // The answers reached the platform database: every person carries the hub id the hub holds for it, nothing rejected.
        var wrong = source.Where(r => r.HubId is null || held[r.Key].HubId != r.HubId).Select(r => r.Key).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} people without the hub's id in the platform database, e.g. {string.Join(", ", wrong.Take(5))}");
        Assert.Equal(0, await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM platform.hub_record_issues"));
        Log("source equals hub");
    }

    /// <summary>Writes a line with the time since the scenario began to the test's output.</summary>
    public void Log(string message) => _output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s, {DateTime.Now:HH:mm:ss.fff}] {message}");

    public async ValueTask DisposeAsync()
    {
        foreach (var adapter in _adapters)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await adapter.StopAsync(stopping.Token);
            adapter.Dispose();
        }
        // The logs, for a failure's story: TestResults/faults/{test}-hub{n}.log and {test}-adapter.log.
        var logs = Directory.CreateDirectory(RepositoryRoot.File("TestResults", "faults"));
        for (var i = 0; i < _hubs.Count; i++)
        {
            await _hubs[i].DisposeAsync();
            await File.WriteAllLinesAsync(Path.Combine(logs.FullName, $"{_name}-hub{i + 1}.log"), _hubs[i].Log);
        }
        await File.WriteAllLinesAsync(Path.Combine(logs.FullName, $"{_name}-adapter.log"), _adapterLog);
        if (_brokerUser.Length > 0)
        {
            // Broker users are node-wide, not per virtual host.
            using var management = new HttpClient { BaseAddress = new Uri($"http://{_broker.Host}:{_broker.ManagementPort}/api/") };
            management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_broker.Username}:{_broker.Password}")));
            using var deleted = await management.DeleteAsync(new Uri("users/" + Uri.EscapeDataString(_brokerUser), UriKind.Relative));
        }
        if (PlatformDatabase is not null)
        {
            await PlatformDatabase.DisposeAsync();
        }
        if (HubDatabase is not null)
        {
            await HubDatabase.DisposeAsync();
        }
        _storage.Delete(recursive: true);
    }

    private async Task<string> DescribeAsync()
    {
        var links = await HubLinksAsync();
        var answered = await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM platform.people WHERE hub_version = version");
        var unsent = await ScalarAsync(PlatformDatabase, "SELECT count(*) FROM hub_adapter.outbox WHERE published_at IS NULL");
        var errors = await ColumnAsync(PlatformDatabase, "SELECT DISTINCT last_error FROM hub_adapter.outbox WHERE published_at IS NULL AND last_error IS NOT NULL LIMIT 3");
        var answers = await ScalarAsync(HubDatabase, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL");
        return $"hub links {links}/{People}, answered in the platform database {answered}, adapter outbox unsent {unsent} ({string.Join("; ", errors)}), " +
            $"hub outbox unsent {answers}; hub log:\n{string.Join("\n", _hubs.Select(h => h.Tail(30)))}\nadapter log:\n{string.Join("\n", _adapterLog.TakeLast(15))}";
    }

    private static List<DigestBucket> DigestOf(IEnumerable<Row> rows)
    {
        var digest = new Digest([""]);
        foreach (var row in rows)
        {
            digest.Add(row.Key, row.Version);
        }
        return [.. digest.Buckets()];
    }

    private sealed record Row(string Key, long Version, string? HubId, string Name);

    private static async Task<List<Row>> RowsAsync(TestDatabase database, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }
        return rows;
    }

    private static async Task<List<string>> ColumnAsync(TestDatabase database, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        var column = new List<string>();
        while (await reader.ReadAsync())
        {
            column.Add(reader.GetString(0));
        }
        return column;
    }

    private static async Task<long> ScalarAsync(TestDatabase database, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
