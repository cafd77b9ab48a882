using System.Net;
using System.Text.Json;
using Hub.IntegrationTests.Exchange;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Hub.IntegrationTests.Monitoring;

/// <summary>
/// The sampler over the real broker and database: a platform's heartbeats, silence and return, with the alert firing and
/// resolving through its timeline, the outbox and a real webhook; lag; traffic and rejections; dead letters.
/// </summary>
public sealed class HealthSamplerTests(MonitoringHubApp app) : IClassFixture<MonitoringHubApp>
{
    [Fact]
    public async Task Sampler_PlatformFallsSilentAndReturns_AlertFiresAndResolvesWithTimelineOutboxAndWebhook()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var t0 = DateTimeOffset.UtcNow;
        await app.HeartbeatAsync(platform, t0);

        await app.SampleAtAsync(t0.AddSeconds(10));
        var connected = app.Latest(platform.Id)!;
        await app.SampleAtAsync(t0.AddMinutes(2));
        var silent = app.Latest(platform.Id)!;
        var noAlertYet = await FiringAsync(AlertRuleNames.Silent, platform.Id);
        await app.SampleAtAsync(t0.AddMinutes(6));
        var alert = await FiringAsync(AlertRuleNames.Silent, platform.Id);
        await app.HeartbeatAsync(platform, t0.AddMinutes(6).AddSeconds(5));
        await app.SampleAtAsync(t0.AddMinutes(6).AddSeconds(10));
        var back = app.Latest(platform.Id)!;

        Assert.Equal(HealthState.Connected, connected.State);
        Assert.Equal("1.4.2", connected.AdapterVersion);
        Assert.Equal(HealthState.Silent, silent.State);
        Assert.Null(noAlertYet);
        Assert.NotNull(alert);
        Assert.Equal(HealthState.Connected, back.State);
        Assert.Null(await FiringAsync(AlertRuleNames.Silent, platform.Id));
        var resolved = await app.QueryAsync(db => db.Set<MonitoringAlert>().AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(t0.AddMinutes(6).AddSeconds(10), resolved.ResolvedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Contains("分钟无心跳", resolved.SummaryZh, StringComparison.Ordinal);

        // The webhook receives both, in order; the timeline records firing, resolution and both deliveries.
        await MonitoringHubApp.Until(() => Task.FromResult(Hooks(alert.Id).Count == 2), "both webhook deliveries");
        Assert.Equal(["AlertRaised", "AlertResolved"], Hooks(alert.Id).Select(h => h.GetProperty("type").GetString()));
        // The sender records a delivery when its round commits, which may be a moment after the receiver answered.
        List<string> timeline = [];
        await MonitoringHubApp.Until(async () => (timeline = await app.QueryAsync(db => db.Set<AlertEvent>().AsNoTracking().Where(e => e.AlertId == alert.Id)
            .OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync())).Count(k => k == "webhook.delivered") >= 2, "both deliveries on the timeline");
        Assert.Equal(["fired", "resolved"], timeline.Where(k => !k.StartsWith("webhook", StringComparison.Ordinal)));
        Assert.Equal(2, timeline.Count(k => k == "webhook.delivered"));
        var messages = await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType == "Hub.Contracts.V1.AlertRaised" || m.MessageType == "Hub.Contracts.V1.AlertResolved").Select(m => m.Body).ToListAsync());
        Assert.Equal(2, messages.Count(b => JsonDocument.Parse(b).RootElement.GetProperty("alertId").GetInt64() == alert.Id));
    }

    [Fact]
    public async Task Webhook_ReceiverFailsFirst_DeliveryIsRetriedUntilAcceptedAndTheFailureIsOnTheTimeline()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        app.Webhook.Fail(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
            HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);
        var t0 = DateTimeOffset.UtcNow;

        // Never a heartbeat, approved more than five minutes "ago": silent from the start.
        await app.SampleAtAsync(t0.AddMinutes(10));
        var alert = await FiringAsync(AlertRuleNames.Silent, platform.Id);

        Assert.NotNull(alert);
        Assert.Contains("从未发送心跳", alert.SummaryZh, StringComparison.Ordinal);
        // Deliveries go out in order and a failure holds the ones behind it, so the refusals hit the first owed delivery
        // (possibly another platform's alert of this round); all of them arrive in the end.
        await MonitoringHubApp.Until(() => Task.FromResult(Hooks(alert.Id).Count == 1), "the delivery after the failures", seconds: 90);
        Assert.Equal(5, app.Webhook.Refused);
        var delivery = await app.QueryAsync(db => db.Set<AlertDelivery>().AsNoTracking().SingleAsync(d => d.AlertId == alert.Id));
        Assert.NotNull(delivery.DeliveredAt);
        // The refused delivery need not be this alert's, and the webhook client's own retries (standard resilience handler)
        // may still be waiting on it when this alert's arrives: wait until it too has been delivered on a later attempt.
        await MonitoringHubApp.Until(async () => (await app.QueryAsync(db => db.Set<AlertDelivery>().AsNoTracking()
                .Where(d => d.Attempts > 0 && d.DeliveredAt != null).ToListAsync()))
            .Exists(d => d.LastError!.StartsWith("HTTP 5", StringComparison.Ordinal)), "the refused delivery delivered on a retry", seconds: 90);
        Assert.True(await app.QueryAsync(db => db.Set<AlertEvent>().AnyAsync(e => e.Kind == "webhook.failed")));
    }

    [Fact]
    public async Task Sampler_FollowerBehindTheFeedAndAdapterBacklog_IsDegradedWithLagAndTheLagAlertFires()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        await platform.SendAsync(platform.People(TestPlatform.Person("lag-1", 1, Identity.PeopleTestData.NewIdNumber("440305"))));
        await platform.ReceiveAsync<Hub.Contracts.V1.IdentitiesAssigned>();
        var t0 = DateTimeOffset.UtcNow;
        await app.HeartbeatAsync(platform, t0, acknowledged: 1, pending: 3);

        await app.SampleAtAsync(t0.AddSeconds(5));
        var reading = app.Latest(platform.Id)!;

        Assert.Equal(HealthState.Degraded, reading.State);
        Assert.True(reading.Flags.HasFlag(Degradation.Lag));
        Assert.True(reading.LagVersions > 5, "lag " + reading.LagVersions);
        Assert.Equal(reading.HubVersion - 1, reading.LagVersions);
        Assert.Equal(3, reading.AdapterPending);
        Assert.NotNull(await FiringAsync(AlertRuleNames.Lag, platform.Id));
    }

    [Fact]
    public async Task Sampler_BatchWithARejectedRecord_CountsMessagesBothWaysRecordsAndTheReason()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var good = TestPlatform.Person("t-1", 1, Identity.PeopleTestData.NewIdNumber("440305"));
        var bad = TestPlatform.Person("t-2", 1, "440305199001011234", name: "李四");
        await platform.SendAsync(platform.People(good, bad));
        var answer = await platform.ReceiveAsync<Hub.Contracts.V1.IdentitiesAssigned>();
        await MonitoringHubApp.Until(async () => await app.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .AllAsync(m => m.Destination != Hub.Contracts.V1.ExchangeNames.Inbox(platform.Id) || m.PublishedAt != null)), "answer published");
        var t0 = DateTimeOffset.UtcNow;

        await app.SampleAtAsync(t0);
        var reading = app.Latest(platform.Id)!;
        var reasons = await app.QueryAsync(db => db.Set<PlatformRejectionCount>().AsNoTracking().Where(r => r.PlatformId == platform.Id).ToListAsync());

        var rejected = Assert.Single(answer.Rejected);
        Assert.Equal(1, reading.MessagesIn);
        Assert.True(reading.MessagesOut >= 1, "out " + reading.MessagesOut);
        Assert.Equal(1, reading.RecordsApplied);
        Assert.Equal(1, reading.RecordsRejected);
        Assert.Equal(rejected.Code, Assert.Single(reasons).Code);
        Assert.True(reading.TokenRequests >= 1, "token requests " + reading.TokenRequests);
        Assert.Equal(0, reading.TokenFailures);
    }

    [Fact]
    public async Task Sampler_TokenRequestWithAWrongKey_CountsAsAFailureOfThatPlatform()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        using var wrongKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        using var refused = await new Platforms.PlatformTestData(app).RequestTokenAsync(platform.ClientId, wrongKey);
        await app.SampleAtAsync(DateTimeOffset.UtcNow);
        var reading = app.Latest(platform.Id)!;

        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(1, reading.TokenFailures);
        Assert.True(reading.TokenRequests >= 2, "requests " + reading.TokenRequests);
    }

    private Task<MonitoringAlert?> FiringAsync(string rule, string subject) => app.QueryAsync(db => db.Set<MonitoringAlert>().AsNoTracking()
        .FirstOrDefaultAsync(a => a.Rule == rule && a.Subject == subject && a.Status == AlertStatus.Firing));

    private List<JsonElement> Hooks(long alertId) => app.Webhook.Received.Select(b => JsonDocument.Parse(b).RootElement)
        .Where(h => h.GetProperty("alert").GetProperty("alertId").GetInt64() == alertId).ToList();
}
