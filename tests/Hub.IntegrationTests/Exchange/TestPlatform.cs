using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Platforms;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hub.IntegrationTests.Exchange;

/// <summary>
/// A connected platform speaking the exchange at the wire level (MassTransit's JSON envelope over AMQP) with the broker
/// credentials approval issued: it can only write to its outbound exchange and read its inbox, like a real adapter.
/// </summary>
internal sealed class TestPlatform : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<(string Type, JsonElement Message)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly List<(string Type, JsonElement Message)> _seen = [];
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public required HttpClient Api { get; init; }

    public static async Task<TestPlatform> ConnectAsync(HubApp app, string region = "440300")
    {
        var data = new PlatformTestData(app);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await data.ApplicantAsync(region);
        var (reviewer, _) = await data.ReviewerAsync(region[..2] + "0000");
        var (id, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, region, key);
        var clientId = credentials.GetProperty("clientId").GetString()!;
        var api = await data.PlatformClientAsync(clientId, key);
        (await api.PostAsync("/api/v1/platforms/self/connected", null)).EnsureSuccessStatusCode();
        var platform = new TestPlatform { Id = id, ClientId = clientId, Api = api };
        platform._connection = await PlatformTestData.ConnectAsync(credentials);
        platform._channel = await platform._connection.CreateChannelAsync();
        var consumer = new AsyncEventingBasicConsumer(platform._channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var type = envelope.RootElement.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
            await platform._received.Writer.WriteAsync((type, envelope.RootElement.GetProperty("message").Clone()));
            await platform._channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await platform._channel.BasicConsumeAsync(ExchangeNames.Inbox(id), autoAck: false, consumer);
        return platform;
    }

    /// <summary>Sends a contract the way MassTransit does; returns the message id.</summary>
    public Task<Guid> SendAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        var envelope = new
        {
            messageId = id,
            messageType = new[] { $"urn:message:Hub.Contracts.V1:{typeof(T).Name}" },
            message,
            sentTime = DateTimeOffset.UtcNow,
        };
        return SendRawAsync(JsonSerializer.SerializeToUtf8Bytes(envelope, Json), id);
    }

    public async Task<Guid> SendRawAsync(byte[] body, Guid messageId)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true,
        };
        await _channel.BasicPublishAsync(ExchangeNames.Outbound(Id), "", mandatory: false, properties, body);
        return messageId;
    }

    /// <summary>The next message of type <typeparamref name="T"/> matching <paramref name="match"/> (earlier ones are kept).</summary>
    public async Task<T> ReceiveAsync<T>(Func<T, bool>? match = null, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        for (var i = 0; ; )
        {
            if (i == _seen.Count)
            {
                _seen.Add(await _received.Reader.ReadAsync(timeout.Token));
            }
            if (_seen[i].Type == typeof(T).Name && _seen[i].Message.Deserialize<T>(Json) is { } found && (match?.Invoke(found) ?? true))
            {
                _seen.RemoveAt(i);
                return found;
            }
            i++;
        }
    }

    public static PersonChange Person(string localId, long version, string idNumber, string name = "张三", string region = "440305") =>
        new(localId, version, DateTimeOffset.UtcNow, name, new PersonDocument(1, idNumber), null, [1], region, null, null, null);

    public PeopleChanged People(params PersonChange[] changes) =>
        new(Guid.NewGuid(), Id, ExchangeNames.SchemaVersion, changes, DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        Api.Dispose();
    }
}

/// <summary>The reconciliation digest exactly as specs/exchange defines it (the adapter's side, for tests).</summary>
#pragma warning disable CA5351 // MD5 is the spec's checksum for bucketing and digests, not a security primitive
internal static class Digests
{
    public static string Prefix(string key, int length) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key)))[..length];

    public static List<DigestBucket> Buckets(IEnumerable<(string Key, long Version)> entries, int length, string parent = "") =>
        entries.Where(e => Prefix(e.Key, length).StartsWith(parent, StringComparison.Ordinal))
            .GroupBy(e => Prefix(e.Key, length))
            .Select(g => new DigestBucket(g.Key, g.Count(), g.Aggregate(0UL, (x, e) =>
                x ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(MD5.HashData(Encoding.UTF8.GetBytes($"{e.Key}:{e.Version}")))).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
#pragma warning restore CA5351
