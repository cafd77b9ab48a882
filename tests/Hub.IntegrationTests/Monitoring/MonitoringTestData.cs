using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Exchange;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Support;
using Hub.Server.Monitoring;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Monitoring;

/// <summary>
/// A hub with monitoring on and a real HTTP listener as its alert webhook. The background sampler runs once an hour
/// only: tests drive rounds themselves with a clock of their choosing. Lag counts from 5 versions, alerts without delay.
/// </summary>
public sealed class MonitoringHubApp : HubApp
{
    public WebhookReceiver Webhook { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Monitoring:Enabled", "true"),
        ("Monitoring:SampleInterval", "01:00:00"),
        ("Monitoring:Lag:Versions", "5"),
        ("Monitoring:Alerts:LagFor", "00:00:00"),
        ("Monitoring:Webhook:Url", Webhook.Url),
        ("Monitoring:Webhook:PollInterval", "00:00:00.200"),
        ("Monitoring:Webhook:RetryDelay", "00:00:00.200"),
        ("Support:CheckInterval", "01:00:00"),
        ("Support:ServiceLevels:0:Kind", "network"), ("Support:ServiceLevels:0:Urgency", "high"),
        ("Support:ServiceLevels:0:Response", "00:10:00"), ("Support:ServiceLevels:0:Resolution", "02:00:00"),
    ];

    /// <summary>One sampler round as if the time were <paramref name="at"/>.</summary>
    public Task<SampleResult> SampleAtAsync(DateTimeOffset at) =>
        ActivatorUtilities.CreateInstance<HealthSampler>(Factory.Services, (TimeProvider)new FixedClock(at)).SampleOnceAsync(default);

    public HealthReading? Latest(string platformId) => Factory.Services.GetRequiredService<HealthBoard>().Latest?.Platforms.FirstOrDefault(p => p.PlatformId == platformId);

    public async Task<T> QueryAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>Sends a heartbeat and waits until the hub has stored it.</summary>
    internal async Task HeartbeatAsync(TestPlatform platform, DateTimeOffset sentAt, long acknowledged = 0, long pending = 0)
    {
        await platform.SendAsync(new Heartbeat(platform.Id, "1.4.2", sentAt, new Dictionary<string, long> { ["people"] = 3 }, 7, pending, acknowledged));
        await Until(async () => await QueryAsync(db => db.Set<Hub.Server.Exchange.Sync.PlatformSyncState>().AsNoTracking()
            .AnyAsync(s => s.PlatformId == platform.Id && s.LastHeartbeatAt >= sentAt.AddMilliseconds(-1))), "heartbeat stored");
    }

    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Webhook.Dispose();
    }
}

/// <summary>A real HTTP endpoint on a free loopback port: records every POST and answers with planned status codes (then 200).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _planned = new();

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Received { get; } = new();

    public int Refused { get; private set; }

    /// <summary>The next requests are answered with these codes (and not recorded as received).</summary>
    public void Fail(params HttpStatusCode[] codes)
    {
        foreach (var code in codes)
        {
            _planned.Enqueue(code);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (_planned.TryDequeue(out var code))
            {
                Refused++;
                context.Response.StatusCode = (int)code;
            }
            else
            {
                Received.Enqueue(body);
                context.Response.StatusCode = 204;
            }
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
