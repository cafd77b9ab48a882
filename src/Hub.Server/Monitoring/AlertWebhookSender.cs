using System.Net.Http.Headers;
using System.Text;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>
/// POSTs owed alert deliveries to the configured webhook, oldest first. Each round claims due rows with FOR UPDATE SKIP
/// LOCKED (replicas share the work), marks a row delivered only on a 2xx answer and otherwise backs it off (doubling up
/// to MaxRetryDelay) with the reason kept: a webhook that is down receives everything once it is back, in order, also
/// after a restart of the hub. The HttpClient has the standard resilience handler (retries, timeouts, circuit breaker).
/// </summary>
public sealed partial class AlertWebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<MonitoringOptions> options,
    TimeProvider clock, ILogger<AlertWebhookSender> logger) : BackgroundService
{
    public const string ClientName = "alert-webhook";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Webhook.PollInterval, clock);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: sends up to 20 due deliveries; returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var webhook = options.Value.Webhook;
        if (webhook.Url is not { } url)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Set<AlertDelivery>()
            .FromSql($"SELECT * FROM alert_deliveries WHERE delivered_at IS NULL AND available_at <= {now} ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        var delivered = 0;
        foreach (var delivery in due)
        {
            var error = await PostAsync(url, webhook.Authorization, delivery.Body, ct);
            if (error is null)
            {
                delivery.DeliveredAt = clock.GetUtcNow();
                db.Add(new AlertEvent { AlertId = delivery.AlertId, At = delivery.DeliveredAt.Value, Kind = "webhook.delivered", Note = delivery.Kind });
                delivered++;
                continue;
            }
            delivery.Attempts++;
            delivery.LastError = Clip(error);
            var delay = TimeSpan.FromTicks(Math.Min(webhook.MaxRetryDelay.Ticks, webhook.RetryDelay.Ticks * (1L << Math.Min(delivery.Attempts - 1, 20))));
            delivery.AvailableAt = clock.GetUtcNow() + delay;
            if (delivery.Attempts == 1)
            {
                db.Add(new AlertEvent { AlertId = delivery.AlertId, At = clock.GetUtcNow(), Kind = "webhook.failed", Note = Clip($"{delivery.Kind}: {delivery.LastError}") });
            }
            LogDeliveryFailed(logger, delivery.Id, delivery.Attempts, error);
            // Later deliveries wait for this one, so the receiver sees fired before resolved.
            break;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return delivered;
    }

    private async Task<string?> PostAsync(string url, string? authorization, string body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook delivery {DeliveryId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, long deliveryId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert webhook round failed; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
