using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Exchange;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Platforms.Conformance;

/// <summary>
/// The conformance kit (specs/access/conformance.md): checks a platform's adapter at its base URL against the specs,
/// from what the adapter says about itself, what the hub has seen of it, the broker's view of its names and a live
/// reconciliation of its people against the hub's. Read-only except for the reconciliation request, which is audited.
/// </summary>
public sealed class ConformanceKit(IHttpClientFactory http, HubDbContext db, RabbitMqManagement broker, ExchangeOperations operations,
    DeadLetters deadLetters, TimeProvider clock)
{
    /// <summary>A heartbeat is sent every 30 s by default; two missed ones and some slack make it stale.</summary>
    public static readonly TimeSpan HeartbeatAge = TimeSpan.FromSeconds(75);

    private sealed record Descriptor(string? PlatformId, string? ClientId, string? ContractVersion, string? AdapterVersion, string? Source,
        string? OutboundExchange, string? InboxQueue, List<string>? Follows);

    public async Task<ConformanceReport> RunAsync(Uri target, TimeSpan reconcileTimeout, CancellationToken ct)
    {
        var results = new List<ConformanceResult>();
        void Add(string id, string zh, string en, Verdict verdict, string detail) => results.Add(new(id, zh, en, verdict, detail));

        var (descriptor, problem) = await ReadDescriptorAsync(target, ct);
        if (descriptor is null)
        {
            Add("AD-01", "适配器自述", "adapter descriptor", Verdict.Fail, problem!);
            return new ConformanceReport(target, null, null, null, results);
        }
        Add("AD-01", "适配器自述", "adapter descriptor", Verdict.Pass,
            $"contract {descriptor.ContractVersion}, adapter {descriptor.AdapterVersion}, source {descriptor.Source}");
        var id = descriptor.PlatformId!;
        var unhealthy = await HealthyAsync(target, ct);
        Add("AD-02", "健康检查", "health endpoint", unhealthy is null ? Verdict.Pass : Verdict.Fail, unhealthy ?? "GET /health: 200 Healthy");

        var access = await db.Set<PlatformAccess>().AsNoTracking().FirstOrDefaultAsync(a => a.PublicId == id, ct);
        if (access is null)
        {
            Add("AC-01", "已接入枢纽", "registered with the hub", Verdict.Fail, $"no platform {id} at this hub");
            return new ConformanceReport(target, id, null, null, results);
        }
        var clientOk = descriptor.ClientId == PlatformAccess.ClientIdFor(id);
        Add("AC-01", "已接入枢纽", "registered with the hub", access.Status == PlatformAccessStatus.Connected && clientOk ? Verdict.Pass : Verdict.Fail,
            $"status {access.Status}, client {descriptor.ClientId}{(clientOk ? "" : $" (expected {PlatformAccess.ClientIdFor(id)})")}");

        var state = await db.Set<PlatformSyncState>().AsNoTracking().FirstOrDefaultAsync(s => s.PlatformId == id, ct);
        var age = state?.LastHeartbeatAt is { } at ? clock.GetUtcNow() - at : (TimeSpan?)null;
        Add("EX-01", "心跳", "heartbeat", age is { } a && a <= HeartbeatAge && state!.AdapterVersion == descriptor.AdapterVersion ? Verdict.Pass : Verdict.Fail,
            age is null ? "no heartbeat received" : $"last {age.Value.TotalSeconds:F0} s ago from adapter {state!.AdapterVersion}");

        await CheckBrokerAsync(id, descriptor, Add, ct);
        await ReconcileAsync(id, reconcileTimeout, Add, ct);

        var total = (state?.RecordsApplied ?? 0) + (state?.RecordsRejected ?? 0);
        var share = total == 0 ? 0 : (double)state!.RecordsRejected / total;
        Add("EX-05", "记录拒收率", "rejected records", share <= 0.01 ? Verdict.Pass : Verdict.Warn,
            $"{state?.RecordsRejected ?? 0} of {total} records rejected ({share:P2}; above 1 % is a warning)");
        var letters = (await deadLetters.ListAsync(10_000, ct)).Count(l => l.SourcePlatform == id);
        Add("EX-06", "死信", "dead letters", letters == 0 ? Verdict.Pass : Verdict.Fail, $"{letters} message(s) of this platform in {DeadLetters.Queue}");
        if (descriptor.Follows is { Count: > 0 } follows)
        {
            Add("EX-07", "跟随上级变更流", "following the feed", state?.AcknowledgedHubVersion > 0 ? Verdict.Pass : Verdict.Warn,
                $"follows {string.Join(", ", follows)}; acknowledged hub version {state?.AcknowledgedHubVersion ?? 0}");
        }
        return new ConformanceReport(target, id, access.Form.Name, access.RegionCode, results);
    }

    private async Task<(Descriptor?, string?)> ReadDescriptorAsync(Uri target, CancellationToken ct)
    {
        Descriptor? descriptor;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            descriptor = await http.CreateClient().GetFromJsonAsync<Descriptor>(new Uri(target, "/.well-known/hub-adapter"), JsonSerializerOptions.Web, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, $"GET /.well-known/hub-adapter failed: {e.Message}");
        }
        if (descriptor?.PlatformId is not { Length: 16 } id || !id.All(char.IsAsciiHexDigitLower))
        {
            return (null, "platformId missing or not 16 lowercase hex digits");
        }
        if (descriptor.ContractVersion != ExchangeNames.SchemaVersion)
        {
            return (null, $"contractVersion {descriptor.ContractVersion ?? "missing"}; this hub speaks {ExchangeNames.SchemaVersion}");
        }
        if (descriptor.OutboundExchange != ExchangeNames.Outbound(id) || descriptor.InboxQueue != ExchangeNames.Inbox(id))
        {
            return (null, $"broker names {descriptor.OutboundExchange}, {descriptor.InboxQueue} are not the platform's own");
        }
        return (descriptor, null);
    }

    private async Task<string?> HealthyAsync(Uri target, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.CreateClient().GetAsync(new Uri(target, "/health"), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return response.IsSuccessStatusCode && body.Contains("Healthy", StringComparison.Ordinal) ? null
                : $"GET /health: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"GET /health failed: {e.Message}";
        }
    }

    private async Task CheckBrokerAsync(string id, Descriptor descriptor, Action<string, string, string, Verdict, string> add, CancellationToken ct)
    {
        try
        {
            // Consumer counts come from the management plugin's statistics, collected every few seconds: an adapter
            // that connected a moment ago shows up at the next collection.
            var inbox = await broker.DescribeAsync("queues", ExchangeNames.Inbox(id), null, ct);
            for (var wait = 0; wait < 15 && inbox is { } q && (!q.TryGetProperty("consumers", out var n) || n.ValueKind != JsonValueKind.Number || n.GetInt32() == 0); wait++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                inbox = await broker.DescribeAsync("queues", ExchangeNames.Inbox(id), null, ct);
            }
            var bindings = await broker.DescribeAsync("exchanges", ExchangeNames.Outbound(id), "bindings/source", ct);
            var quorum = inbox?.TryGetProperty("arguments", out var args) == true && args.TryGetProperty("x-queue-type", out var type) && type.GetString() == "quorum";
            var consumers = inbox?.TryGetProperty("consumers", out var c) == true && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
            var bound = bindings?.EnumerateArray().Any(b => b.GetProperty("destination").GetString() == ExchangeNames.HubInbound) == true;
            add("EX-02", "交换拓扑", "broker topology", quorum && consumers > 0 && bound ? Verdict.Pass : Verdict.Fail,
                $"{descriptor.InboxQueue}: {(inbox is null ? "missing" : $"{(quorum ? "quorum" : "not quorum")}, {consumers} consumer(s)")}; " +
                $"{descriptor.OutboundExchange} → {ExchangeNames.HubInbound}: {(bound ? "bound" : "not bound")}");
            var permissions = await broker.DescribeAsync("permissions", PlatformAccess.RabbitMqUserFor(id), null, ct);
            var expected = PlatformBroker.Permissions(id);
            var exact = permissions is { } p && p.GetProperty("configure").GetString() == expected.Configure
                && p.GetProperty("write").GetString() == expected.Write && p.GetProperty("read").GetString() == expected.Read;
            add("EX-03", "交换权限", "broker permissions", exact ? Verdict.Pass : Verdict.Fail,
                exact ? $"{PlatformAccess.RabbitMqUserFor(id)}: {expected.Configure} only" : $"{PlatformAccess.RabbitMqUserFor(id)}: not limited to {expected.Configure}");
        }
        catch (RabbitMqManagementException e)
        {
            add("EX-02", "交换拓扑", "broker topology", Verdict.Fail, $"broker management unreachable: {e.Message}");
        }
    }

    private async Task ReconcileAsync(string id, TimeSpan timeout, Action<string, string, string, Verdict, string> add, CancellationToken ct)
    {
        var (request, error) = await operations.RequestAsync(Caller.System, id, "reconcile", new ExchangeRequest("people", "conformance kit"), ct);
        if (request is null)
        {
            add("EX-04", "对账", "reconciliation", Verdict.Fail, error!.MessageEn);
            return;
        }
        var deadline = clock.GetUtcNow() + timeout;
        while (clock.GetUtcNow() < deadline)
        {
            var round = await db.Set<ReconciliationRound>().AsNoTracking().FirstOrDefaultAsync(r => r.RequestId == request.RequestId, ct);
            if (round?.Status is ReconciliationStatus.Matched or ReconciliationStatus.Repaired)
            {
                add("EX-04", "对账", "reconciliation", round.Status == ReconciliationStatus.Matched ? Verdict.Pass : Verdict.Warn,
                    $"people: platform {round.SourceCount}, hub {round.HubCount}, {round.Status.ToString().ToLowerInvariant()}" +
                    (round.MismatchedRanges > 0 ? $" ({round.MismatchedRanges} ranges differed, {round.RepairedKeys} keys repaired)" : ""));
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        add("EX-04", "对账", "reconciliation", Verdict.Fail, $"no answer to ReconcileRequested within {timeout.TotalSeconds:F0} s");
    }
}
