using Hub.Adapter.Store;
using Hub.Adapter.Tests.Support;
using Hub.Contracts.V1;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Hub.Adapter.Tests;

public sealed class OutboxRelayTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestBroker broker = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("adapterrelay");
        broker = await TestBroker.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Relay_CommittedMessage_SentWithRowMessageIdAndMarkedPublished()
    {
        using var host = Relay();
        var store = host.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        Guid id;
        await using (var unit = await store.BeginAsync())
        {
            id = await unit.EnqueueAsync(Removed("k1"));
            await unit.CommitAsync();
        }
        await host.StartAsync();

        var received = await broker.ReceiveAsync(m => m.Any(x => x.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        var message = Assert.Single(received, m => m.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal));
        Assert.Equal(id, message.MessageId);
        Assert.Equal("k1", message.Message.GetProperty("removals")[0].GetProperty("key").GetString());
        Assert.Equal(0, await WaitForAsync(() => store.CountPendingAsync(), 0));
        await host.StopAsync();
    }

    [Fact]
    public async Task Relay_MessageThisProcessCommitted_SentFromMemoryWithoutParsingItsRow()
    {
        using var host = Relay();
        var store = host.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        Guid id;
        await using (var unit = await store.BeginAsync())
        {
            id = await unit.EnqueueAsync(Removed("from-memory"));
            await unit.CommitAsync();
        }
        // The row's body no longer parses: only the message the process kept can be what is sent.
        await ExecuteAsync("UPDATE hub_adapter.outbox SET body = 'not json' WHERE message_id = $1", id);

        await host.StartAsync();
        var received = await broker.ReceiveAsync(m => m.Any(x => x.MessageId == id), TimeSpan.FromSeconds(20));

        Assert.Equal("from-memory", Assert.Single(received, m => m.MessageId == id).Message.GetProperty("removals")[0].GetProperty("key").GetString());
        Assert.Equal(0, await WaitForAsync(() => store.CountPendingAsync(), 0));
        await host.StopAsync();
    }

    [Fact]
    public async Task Relay_RolledBackMessage_NeverSent()
    {
        using var host = Relay();
        var store = host.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        await using (var unit = await store.BeginAsync())
        {
            await unit.EnqueueAsync(Removed("rolled-back"));
        }
        await using (var unit = await store.BeginAsync())
        {
            await unit.EnqueueAsync(Removed("committed"));
            await unit.CommitAsync();
        }
        await host.StartAsync();

        var received = await broker.ReceiveAsync(m => m.Any(x => x.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        received.AddRange(await broker.DrainAsync());

        Assert.Equal(["committed"], received.Where(m => m.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal))
            .Select(m => m.Message.GetProperty("removals")[0].GetProperty("key").GetString()));
        await host.StopAsync();
    }

    [Fact]
    public async Task Relay_TwoRelaysOnOneStore_EveryMessageSentOnce()
    {
        using var first = Relay();
        using var second = Relay();
        var store = first.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        var ids = new HashSet<Guid>();
        for (var batch = 0; batch < 10; batch++)
        {
            await using var unit = await store.BeginAsync();
            for (var i = 0; i < 30; i++)
            {
                ids.Add(await unit.EnqueueAsync(Removed($"k{batch}-{i}")));
            }
            await unit.CommitAsync();
        }

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var received = await broker.ReceiveAsync(m => m.Count(x => x.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal)) >= ids.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        received.AddRange(await broker.DrainAsync());

        var sent = received.Where(m => m.Type.EndsWith("PeopleRemoved", StringComparison.Ordinal)).Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, sent.Count);
        Assert.True(ids.SetEquals(sent));
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    [Fact]
    public async Task Relay_BrokerDownThenUp_RetriesWithReasonKeptThenSends()
    {
        using var proxy = new TcpProxy(TestEnvironment.RabbitPort);
        using var host = Relay(proxy.Port);
        var store = host.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        Guid id;
        await using (var unit = await store.BeginAsync())
        {
            id = await unit.EnqueueAsync(Removed("during-outage"));
            await unit.CommitAsync();
        }

        await host.StartAsync();
        var error = await WaitForAsync(() => LastErrorAsync(id), e => e is not null, TimeSpan.FromSeconds(30));
        proxy.Open();
        var received = await broker.ReceiveAsync(m => m.Any(x => x.MessageId == id), TimeSpan.FromSeconds(60));

        Assert.NotNull(error);
        Assert.Contains(received, m => m.MessageId == id);
        Assert.Equal(0, await WaitForAsync(() => store.CountPendingAsync(), 0));
        await host.StopAsync();
    }

    [Fact]
    public async Task Store_CreatedWithJsonbBody_ConvertedToUncompressedTextAndPendingRowStillSent()
    {
        // The layout of stores created before bodies were stored as text, with a message waiting in it.
        var waiting = Guid.NewGuid();
        await ExecuteAsync("""
            CREATE SCHEMA hub_adapter;
            CREATE TABLE hub_adapter.outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message_id uuid NOT NULL UNIQUE, contract_type text NOT NULL,
                body jsonb NOT NULL, created_at timestamptz NOT NULL, available_at timestamptz NOT NULL, published_at timestamptz,
                attempts integer NOT NULL DEFAULT 0, last_error text);
            """);
        await ExecuteAsync("INSERT INTO hub_adapter.outbox (message_id, contract_type, body, created_at, available_at) VALUES ($1, $2, $3::jsonb, now(), now())",
            waiting, typeof(PeopleRemoved).FullName!, System.Text.Json.JsonSerializer.Serialize(Removed("old-layout"), System.Text.Json.JsonSerializerOptions.Web));
        using var host = Relay();
        var store = host.Get<AdapterStore>();

        await store.EnsureReadyAsync();
        await host.StartAsync();
        var received = await broker.ReceiveAsync(m => m.Any(x => x.MessageId == waiting), TimeSpan.FromSeconds(20));

        Assert.Equal("text/e", await ScalarAsync(
            "SELECT data_type || '/' || attstorage::text FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = 'hub_adapter.outbox'::regclass AND a.attname = c.column_name " +
            "WHERE c.table_schema = 'hub_adapter' AND c.table_name = 'outbox' AND c.column_name = 'body'"));
        Assert.Equal("old-layout", Assert.Single(received, m => m.MessageId == waiting).Message.GetProperty("removals")[0].GetProperty("key").GetString());
        await host.StopAsync();
    }

    [Fact]
    public async Task Inbox_SameMessageTwice_SecondIsRecognised()
    {
        using var host = Relay();
        var store = host.Get<AdapterStore>();
        await store.EnsureReadyAsync();
        var messageId = Guid.NewGuid();

        bool first, second, afterRollback;
        await using (var unit = await store.BeginAsync())
        {
            first = await unit.TryMarkProcessedAsync("test", messageId);
            await unit.CommitAsync();
        }
        await using (var unit = await store.BeginAsync())
        {
            second = await unit.TryMarkProcessedAsync("test", messageId);
        }
        var other = Guid.NewGuid();
        await using (var unit = await store.BeginAsync())
        {
            await unit.TryMarkProcessedAsync("test", other);   // rolled back: the effects failed
        }
        await using (var unit = await store.BeginAsync())
        {
            afterRollback = await unit.TryMarkProcessedAsync("test", other);
        }

        Assert.True(first);
        Assert.False(second);
        Assert.True(afterRollback);
    }

    private IHost Relay(int? port = null) =>
        AdapterHost.Build([.. broker.AdapterSettings(port), .. AdapterHost.Database(database, "relay_platform")], adapter =>
        {
            adapter.UsePostgresPlatform();
            // Only the relay: no pump, heartbeat or scheduler filling the queue.
            foreach (var service in adapter.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType is { } t && t != typeof(OutboxRelay)).ToList())
            {
                adapter.Services.Remove(service);
            }
        });

    private PeopleRemoved Removed(string key) =>
        new(Guid.NewGuid(), broker.PlatformId, ExchangeNames.SchemaVersion, [new EntityRemoval(key, 1, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow);

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<string?> LastErrorAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT last_error FROM hub_adapter.outbox WHERE message_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return await command.ExecuteScalarAsync() as string;
    }

    private static Task<T> WaitForAsync<T>(Func<Task<T>> read, T expected) =>
        WaitForAsync(read, v => EqualityComparer<T>.Default.Equals(v, expected), TimeSpan.FromSeconds(20));

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }
}
