using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Testing;
using RabbitMQ.Client;

namespace Hub.Adapter.Tests.Support;

/// <summary>
/// A virtual host with a platform broker user restricted like the hub's PlatformBroker.Permissions (configure, write and
/// read only on <c>^platform\.{id}\.</c>), and, declared by the administrator, a fake <c>platform.{id}.outbound</c>
/// exchange bound to a test queue standing in for the hub's inbound queue.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HttpClient Management = CreateManagement();
    private readonly TestVirtualHost vhost;
    private readonly IConnection admin;

    private TestBroker(TestVirtualHost vhost, IConnection admin, string platformId, string password)
    {
        this.vhost = vhost;
        this.admin = admin;
        PlatformId = platformId;
        Password = password;
    }

    public string PlatformId { get; }
    public string Username => "platform." + PlatformId;
    public string Password { get; }
    public string VirtualHost => vhost.Name;
    public string HubQueue => "test.hub.inbound." + PlatformId;

    public static async Task<TestBroker> CreateAsync()
    {
        var vhost = await TestVirtualHost.CreateAsync("adapter");
        var platformId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        var password = Guid.NewGuid().ToString("N");
        var user = Uri.EscapeDataString("platform." + platformId);
        (await Management.PutAsJsonAsync($"api/users/{user}", new { password, tags = "" })).EnsureSuccessStatusCode();
        var own = $@"^platform\.{platformId}\.";
        (await Management.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(vhost.Name)}/{user}",
            new { configure = own, write = own, read = own })).EnsureSuccessStatusCode();
        var admin = await Factory(vhost.Name, TestEnvironment.RabbitUsername, TestEnvironment.RabbitPassword).CreateConnectionAsync();
        var broker = new TestBroker(vhost, admin, platformId, password);
        await using var channel = await admin.CreateChannelAsync();
        // As the hub does: the platform's outbound fanout exchange, bound to the hub's inbound queue.
        await channel.ExchangeDeclareAsync(ExchangeNames.Outbound(platformId), ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(broker.HubQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(broker.HubQueue, ExchangeNames.Outbound(platformId), "");
        return broker;
    }

    /// <summary>Settings for the adapter's broker section.</summary>
    public IEnumerable<(string Key, string Value)> AdapterSettings(int? port = null) =>
    [
        ("HubAdapter:PlatformId", PlatformId),
        ("HubAdapter:Host", TestEnvironment.RabbitHost),
        ("HubAdapter:Port", (port ?? TestEnvironment.RabbitPort).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("HubAdapter:VirtualHost", VirtualHost),
        ("HubAdapter:Username", Username),
        ("HubAdapter:Password", Password),
    ];

    /// <summary>Takes every message waiting in the fake hub queue: (message id, message type urn, message JSON).</summary>
    public async Task<List<(Guid MessageId, string Type, JsonElement Message)>> DrainAsync()
    {
        await using var channel = await admin.CreateChannelAsync();
        var result = new List<(Guid, string, JsonElement)>();
        while (await channel.BasicGetAsync(HubQueue, autoAck: true) is { } delivery)
        {
            var envelope = JsonDocument.Parse(delivery.Body).RootElement;
            result.Add((envelope.GetProperty("messageId").GetGuid(), envelope.GetProperty("messageType")[0].GetString()!,
                envelope.GetProperty("message").Clone()));
        }
        return result;
    }

    /// <summary>Waits until the fake hub queue has received messages satisfying <paramref name="done"/>.</summary>
    public async Task<List<(Guid MessageId, string Type, JsonElement Message)>> ReceiveAsync(
        Func<List<(Guid MessageId, string Type, JsonElement Message)>, bool> done, TimeSpan timeout)
    {
        var all = new List<(Guid, string, JsonElement)>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            all.AddRange(await DrainAsync());
            if (done(all))
            {
                return all;
            }
            await Task.Delay(100);
        }
        return all;
    }

    /// <summary>Publishes a message as the hub would: MassTransit envelope to the platform's inbox exchange.</summary>
    public async Task SendToInboxAsync<T>(T message, Guid messageId) where T : class
    {
        await WaitForInboxConsumerAsync();
        await using var channel = await admin.CreateChannelAsync();
        var envelope = new
        {
            messageId,
            messageType = new[] { $"urn:message:{typeof(T).Namespace}:{typeof(T).Name}" },
            message,
            sentTime = DateTime.UtcNow,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, Json);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        await channel.BasicPublishAsync(ExchangeNames.Inbox(PlatformId), "", mandatory: false, properties, body);
    }

    /// <summary>Waits until the adapter consumes its inbox queue (declared and bound by the adapter at start).</summary>
    private async Task WaitForInboxConsumerAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var probe = await admin.CreateChannelAsync();
                if ((await probe.QueueDeclarePassiveAsync(ExchangeNames.Inbox(PlatformId))).ConsumerCount > 0)
                {
                    return;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // Not declared yet (the passive declare closes the channel).
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The adapter did not start consuming its inbox queue.");
    }

    public static ConnectionFactory Factory(string vhost, string user, string password) => new()
    {
        HostName = TestEnvironment.RabbitHost,
        Port = TestEnvironment.RabbitPort,
        VirtualHost = vhost,
        UserName = user,
        Password = password,
        AutomaticRecoveryEnabled = false,
    };

    public async ValueTask DisposeAsync()
    {
        await admin.DisposeAsync();
        await TestVirtualHost.DeleteUserAsync(Username);
        await vhost.DisposeAsync();
    }

    private static HttpClient CreateManagement()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://{TestEnvironment.RabbitHost}:{TestEnvironment.RabbitManagementPort}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestEnvironment.RabbitUsername}:{TestEnvironment.RabbitPassword}")));
        return client;
    }
}
