using System.Collections.Concurrent;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hub.IntegrationTests.Exchange;

/// <summary>A hub whose background relay runs once at start and then waits an hour: tests drive the rounds themselves.</summary>
public sealed class OutboxHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Outbox:PollInterval", "01:00:00")];
}

/// <summary>The transactional outbox and inbox on the real database and broker.</summary>
public sealed class OutboxTests(OutboxHubApp app) : IClassFixture<OutboxHubApp>
{
    private sealed class Received
    {
        public ConcurrentBag<(Guid? MessageId, Guid CorrelationId)> Messages { get; } = [];
    }

    private sealed class Collector(Received received) : IConsumer<ConnectivityChecked>
    {
        public Task Consume(ConsumeContext<ConnectivityChecked> context)
        {
            received.Messages.Add((context.MessageId, context.Message.CorrelationId));
            return Task.CompletedTask;
        }
    }

    /// <summary>A platform-side bus on the class's virtual host that receives what the hub publishes.</summary>
    private async Task<(IHost Host, Received Received)> ListenAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(HubApp.RabbitSettings(app.VirtualHost.Name).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        var received = new Received();
        builder.Services.AddSingleton(received);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<Collector>().Endpoint(e => e.Name = "outbox-test-" + Guid.NewGuid().ToString("N")[..8]);
            bus.UsingRabbitMq((context, cfg) =>
            {
                var c = context.GetRequiredService<IConfiguration>();
                cfg.Host(c["RabbitMq:Host"], ushort.Parse(c["RabbitMq:Port"]!, System.Globalization.CultureInfo.InvariantCulture), c["RabbitMq:VirtualHost"], h =>
                {
                    h.Username(c["RabbitMq:Username"]!);
                    h.Password(c["RabbitMq:Password"]!);
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return (host, received);
    }

    private static ConnectivityChecked Message(Guid id) => new(id, "test", "v1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private async Task<List<Guid>> CommitAsync(int count, bool commit = true)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            outbox.Add(Message(id));
        }
        await db.SaveChangesAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        return ids;
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Relay_TwoRelaysOverCommittedRows_EachMessageArrivesExactlyOnceWithItsOutboxId()
    {
        var (host, received) = await ListenAsync();
        using var _ = host;
        var ids = await CommitAsync(300);
        var relay = app.Factory.Services.GetRequiredService<OutboxRelay>();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            while (await relay.PublishPendingAsync(default) > 0)
            {
            }
        }));
        await WaitForAsync(() => received.Messages.Count(m => ids.Contains(m.CorrelationId)) >= 300);
        await Task.Delay(300); // room for a duplicate to show up

        var mine = received.Messages.Where(m => ids.Contains(m.CorrelationId)).ToList();
        Assert.Equal(300, mine.Count);
        Assert.Equal(300, mine.Select(m => m.CorrelationId).Distinct().Count());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var rows = await db.Set<OutboxMessage>().Where(m => mine.Select(x => x.MessageId).Contains(m.MessageId)).CountAsync(m => m.PublishedAt != null);
        Assert.Equal(300, rows);
    }

    [Fact]
    public async Task Relay_RolledBackTransaction_PublishesNothing()
    {
        var (host, received) = await ListenAsync();
        using var _ = host;
        var ids = await CommitAsync(5, commit: false);

        await app.Factory.Services.GetRequiredService<OutboxRelay>().PublishPendingAsync(default);
        await Task.Delay(500);

        Assert.DoesNotContain(received.Messages, m => ids.Contains(m.CorrelationId));
    }

    [Fact]
    public async Task Relay_RowOfUnknownType_KeptWithReasonAndRetriedLater()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var row = new OutboxMessage { MessageId = Guid.NewGuid(), MessageType = "System.IO.File", Body = "{}", CreatedAt = DateTimeOffset.UtcNow, AvailableAt = DateTimeOffset.UtcNow };
        db.Add(row);
        await db.SaveChangesAsync();

        await app.Factory.Services.GetRequiredService<OutboxRelay>().PublishPendingAsync(default);

        await using var check = app.Factory.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<HubDbContext>().Set<OutboxMessage>().SingleAsync(m => m.MessageId == row.MessageId);
        Assert.Null(stored.PublishedAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Contains("Unknown contract type", stored.LastError, StringComparison.Ordinal);
        Assert.True(stored.AvailableAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Inbox_SameMessageTwice_SecondIsRecognisedAndARollbackForgetsTheMark()
    {
        var messageId = Guid.NewGuid();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await scope.ServiceProvider.GetRequiredService<Outbox>().TryBeginAsync("test-consumer", messageId, default));
            // rolled back: the effects did not happen, so the message must be processed again
        }
        await using var first = app.Factory.Services.CreateAsyncScope();
        var outbox = first.ServiceProvider.GetRequiredService<Outbox>();

        Assert.True(await outbox.TryBeginAsync("test-consumer", messageId, default));
        Assert.False(await outbox.TryBeginAsync("test-consumer", messageId, default));
        Assert.True(await outbox.TryBeginAsync("another-consumer", messageId, default));
    }

    [Fact]
    public void Add_TypeOutsideTheContracts_IsRefused()
    {
        using var scope = app.Factory.Services.CreateScope();

        Assert.Throws<ArgumentException>(() => scope.ServiceProvider.GetRequiredService<Outbox>().Add(new Uri("http://x")));
    }
}

/// <summary>A hub whose broker cannot be reached (nothing listens on the port), with short publish deadlines.</summary>
public sealed class UnreachableBrokerHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("RabbitMq:Port", "1"), ("Outbox:PollInterval", "01:00:00"), ("Outbox:PublishTimeout", "00:00:01")];
}

public sealed class OutboxUnreachableBrokerTests(UnreachableBrokerHubApp app) : IClassFixture<UnreachableBrokerHubApp>
{
    [Fact]
    public async Task Relay_BrokerUnreachable_RowKeptUnpublishedWithReasonInsteadOfHanging()
    {
        Guid messageId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            messageId = scope.ServiceProvider.GetRequiredService<Outbox>()
                .Add(new ConnectivityChecked(Guid.NewGuid(), "test", "v1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var round = app.Factory.Services.GetRequiredService<OutboxRelay>().PublishPendingAsync(default);
        var finished = await Task.WhenAny(round, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(round, finished);
        await using var check = app.Factory.Services.CreateAsyncScope();
        var row = await check.ServiceProvider.GetRequiredService<HubDbContext>().Set<OutboxMessage>().SingleAsync(m => m.MessageId == messageId);
        Assert.Null(row.PublishedAt);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);
    }
}
