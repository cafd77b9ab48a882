using System.Text.Json;
using Hub.Adapter.Tests.Support;
using Hub.Contracts.V1;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hub.Adapter.Tests;

public sealed class HubConnectionTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestBroker broker = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("adapterconn");
        broker = await TestBroker.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CheckConnectivity_NoHubListening_ThrowsHubUnreachableAfterTimeout()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database), ("HubAdapter:RequestTimeout", "00:00:01")]);
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();

        var hub = scope.ServiceProvider.GetRequiredService<IHubConnection>();

        await Assert.ThrowsAsync<HubUnreachableException>(() => hub.CheckConnectivityAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task CheckConnectivity_RestrictedPlatformUser_RequestThroughOutboundAndAnswerOnPrefixedBusEndpoint()
    {
        await using var admin = await TestBroker.Factory(broker.VirtualHost, TestEnvironment.RabbitUsername, TestEnvironment.RabbitPassword).CreateConnectionAsync();
        await using var channel = await admin.CreateChannelAsync();
        string? responseExchange = null;
        var responder = new AsyncEventingBasicConsumer(channel);
        responder.ReceivedAsync += async (_, delivery) =>
        {
            // A stand-in for the hub's CheckConnectivityConsumer: answer to the request's response address. The adapter's
            // other traffic (heartbeats, its first snapshot request) arrives here too and is not answered: a handler that
            // threw on it would stop the consumer, and the request behind it would time out.
            var envelope = JsonDocument.Parse(delivery.Body).RootElement;
            if (!envelope.TryGetProperty("responseAddress", out var address) || address.GetString() is not { } responseAddress)
            {
                return;
            }
            var request = envelope.GetProperty("message");
            responseExchange = new Uri(responseAddress).Segments[^1];
            var reply = new
            {
                messageId = Guid.NewGuid(),
                requestId = envelope.GetProperty("requestId").GetGuid(),
                messageType = new[] { "urn:message:Hub.Contracts.V1:ConnectivityChecked" },
                message = new ConnectivityChecked(request.GetProperty("correlationId").GetGuid(), "test-hub", "v1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
            };
            await channel.BasicPublishAsync(responseExchange, "", false, new BasicProperties { ContentType = "application/vnd.masstransit+json" },
                JsonSerializer.SerializeToUtf8Bytes(reply, TestBroker.Json));
        };
        await channel.BasicConsumeAsync(broker.HubQueue, autoAck: true, responder);
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database)]);
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();

        var reply = await scope.ServiceProvider.GetRequiredService<IHubConnection>().CheckConnectivityAsync();

        Assert.Equal("test-hub", reply.HubVersion);
        Assert.StartsWith(ExchangeNames.Prefix(broker.PlatformId), responseExchange, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_WithoutBrokerCredentials_FailsValidation()
    {
        using var host = AdapterHost.Build([("HubAdapter:Host", "127.0.0.1"), ("HubAdapter:PlatformId", "0123456789abcdef"), .. AdapterHost.Database(database)]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Username", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PlatformIdNotSixteenHexDigits_FailsValidation()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings().Where(s => s.Key != "HubAdapter:PlatformId"), ("HubAdapter:PlatformId", "gd-province"), .. AdapterHost.Database(database)]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PlatformId", ex.Message, StringComparison.Ordinal);
    }
}
