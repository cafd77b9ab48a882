using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hub.Server.Exchange;

/// <summary>The broker refused or could not be reached; nothing is known to have changed.</summary>
public sealed class RabbitMqManagementException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The RabbitMQ management HTTP API, for what AMQP cannot do: users, permissions, closing a user's connections.
/// A typed HttpClient; the standard resilience handler (retries, timeouts, circuit breaker) comes from
/// AddServiceDefaults for every client, and every call here is idempotent, so retries are safe.
/// </summary>
public sealed class RabbitMqManagement(HttpClient http, IOptions<RabbitMqOptions> options)
{
    private string VirtualHost => Uri.EscapeDataString(options.Value.VirtualHost);

    internal static void Configure(HttpClient http, RabbitMqOptions options)
    {
        http.BaseAddress = new Uri($"http://{options.Host}:{options.ManagementPort}/api/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    /// <summary>Creates the user or sets its password; no tags, so it can neither use the management UI nor administer.</summary>
    public Task PutUserAsync(string user, string password, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, "users/" + Uri.EscapeDataString(user), new { password, tags = "" }, ct);

    public Task DeleteUserAsync(string user, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, "users/" + Uri.EscapeDataString(user), null, ct);

    /// <summary>Sets the user's permissions on the hub's virtual host (regular expressions over resource names).</summary>
    public Task SetPermissionsAsync(string user, BrokerPermissions permissions, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"permissions/{VirtualHost}/{Uri.EscapeDataString(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }, ct);

    public Task DeletePermissionsAsync(string user, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"permissions/{VirtualHost}/{Uri.EscapeDataString(user)}", null, ct);

    /// <summary>
    /// Closes every open AMQP connection of the user (deleting permissions does not end live connections). This
    /// endpoint works from the broker's connection tracking, so it also finds a connection opened a moment ago,
    /// which the statistics-based listing (GET /api/connections) shows only after its collection interval.
    /// </summary>
    public Task CloseConnectionsAsync(string user, string reason, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, "connections/username/" + Uri.EscapeDataString(user), null, ct, reason);

    /// <summary>Declares a durable fanout exchange (idempotent: declaring it again with the same settings changes nothing).</summary>
    public Task DeclareFanoutExchangeAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"exchanges/{VirtualHost}/{Uri.EscapeDataString(name)}", new { type = "fanout", durable = true, auto_delete = false, @internal = false, arguments = new { } }, ct);

    /// <summary>Declares a durable quorum queue, exactly as a MassTransit receive endpoint with SetQuorumQueue() does.</summary>
    public Task DeclareQuorumQueueAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"queues/{VirtualHost}/{Uri.EscapeDataString(name)}",
            new { durable = true, auto_delete = false, arguments = new Dictionary<string, object> { ["x-queue-type"] = "quorum" } }, ct);

    /// <summary>Binds an exchange to a queue ("q") or another exchange ("e"); binding twice is harmless.</summary>
    public Task BindAsync(string source, string destination, char destinationType, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"bindings/{VirtualHost}/e/{Uri.EscapeDataString(source)}/{destinationType}/{Uri.EscapeDataString(destination)}",
            new { routing_key = "", arguments = new { } }, ct);

    /// <summary>
    /// The exchange names of one platform (specs/exchange): its outbound exchange feeds the hub's inbound exchange, and
    /// its inbox (exchange and quorum queue) exists before the hub sends the first answer, so nothing sent is dropped
    /// for want of a queue even when the adapter has never run.
    /// </summary>
    public async Task EnsurePlatformTopologyAsync(string platformId, CancellationToken ct)
    {
        await DeclareFanoutExchangeAsync(Hub.Contracts.V1.ExchangeNames.HubInbound, ct);
        await DeclareFanoutExchangeAsync(Hub.Contracts.V1.ExchangeNames.Outbound(platformId), ct);
        await BindAsync(Hub.Contracts.V1.ExchangeNames.Outbound(platformId), Hub.Contracts.V1.ExchangeNames.HubInbound, 'e', ct);
        var inbox = Hub.Contracts.V1.ExchangeNames.Inbox(platformId);
        await DeclareFanoutExchangeAsync(inbox, ct);
        await DeclareQuorumQueueAsync(inbox, ct);
        await BindAsync(inbox, inbox, 'q', ct);
    }

    /// <summary>
    /// Messages waiting in each queue of the hub's virtual host (ready plus unacknowledged), from the management plugin's
    /// statistics (refreshed every few seconds). One request for all queues: the health sampler reads it once a round.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken ct)
    {
        var path = $"queues/{VirtualHost}?columns=name,messages";
        List<QueueDepth>? queues;
        try
        {
            queues = await http.GetFromJsonAsync<List<QueueDepth>>(path, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new RabbitMqManagementException($"GET {path} failed.", e);
        }
        return (queues ?? []).Where(q => q.Name is not null).ToDictionary(q => q.Name!, q => q.Messages ?? 0, StringComparer.Ordinal);
    }

    private sealed record QueueDepth(string? Name, long? Messages);

    /// <summary>A resource of the hub's virtual host as the management API describes it ("queues/…", "exchanges/…",
    /// "permissions/…" with the virtual host filled in); null when it does not exist.</summary>
    public async Task<JsonElement?> DescribeAsync(string kind, string name, string? below, CancellationToken ct)
    {
        var path = $"{kind}/{VirtualHost}/{Uri.EscapeDataString(name)}{(below is null ? "" : "/" + below)}";
        try
        {
            using var response = await http.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new RabbitMqManagementException($"GET {path} failed.", e);
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, string? reason = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (reason is not null)
        {
            // Shown to the client in connection.close; HTTP headers carry ASCII only.
            request.Headers.Add("X-Reason", reason);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        // Whatever the transport or the resilience pipeline throws (connection refused, timeout, open circuit), the
        // broker is out of reach; only the caller's own cancellation passes through.
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw new RabbitMqManagementException($"{method} {path} failed.", e);
        }
        using (response)
        {
            // A delete of something already gone has reached its goal.
            if (!response.IsSuccessStatusCode && !(method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound))
            {
                throw new RabbitMqManagementException($"{method} {path} answered {(int)response.StatusCode}.");
            }
        }
    }
}

/// <summary>RabbitMQ permission patterns (configure, write, read) of one user on one virtual host.</summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read);

/// <summary>
/// The broker names a platform may use: only its own, <c>platform.{id}.…</c> (specs/exchange). It sends to its
/// outbound exchange, which the hub binds to <c>hub.inbound</c>; it never writes to a hub name, so the exchange a message
/// arrives through names its sender.
/// </summary>
public static class PlatformBroker
{
    public static BrokerPermissions Permissions(string platformId)
    {
        var own = $@"^platform\.{platformId}\.";
        return new BrokerPermissions(own, own, own);
    }
}
