using MassTransit;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Exchange.Delivery;

public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the relay looks for committed messages when the last round found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages claimed per round (one transaction).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Delay after a first failed publish; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one publish may wait for the broker (connection and confirm) before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Publishes committed outbox rows. Each round claims a batch with FOR UPDATE SKIP LOCKED (never a high-water mark:
/// ids of concurrent transactions commit out of order), publishes each with its message id and waits for the broker's
/// confirm, then marks it published in the same transaction. A crash between confirm and commit publishes the row
/// again: delivery is at least once, and consumers' inboxes make it effectively once. Replicas share the work.
/// </summary>
public sealed partial class OutboxRelay(IServiceScopeFactory scopes, IBus bus, IOptions<OutboxOptions> options, TimeProvider clock,
    OutboxSignal signal, Sync.ExchangeMetrics metrics, ILogger<OutboxRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                // Drain while full batches come back; then wait for the next tick.
                while (await PublishPendingAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }
        }
        while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken ct)
    {
        await signal.WaitAsync(options.Value.PollInterval, ct);
        return !ct.IsCancellationRequested;
    }

    /// <summary>One round: claims up to a batch of due rows, publishes them, records the outcome. Returns the rows claimed.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await db.Set<OutboxMessage>()
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL AND available_at <= {now} ORDER BY id LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            // An unreachable broker must not hold the claimed rows' locks for ever: each publish has a deadline.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(options.Value.PublishTimeout);
            try
            {
                var type = ContractTypes.Resolve(row.MessageType)
                    ?? throw new InvalidOperationException($"Unknown contract type {row.MessageType}");
                var message = System.Text.Json.JsonSerializer.Deserialize(row.Body, type, Outbox.Json)!;
                if (row.Destination is { } destination)
                {
                    var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{destination}"));
                    await endpoint.Send(message, type, Pipe.Execute<SendContext>(context => context.MessageId = row.MessageId), deadline.Token);
                }
                else
                {
                    await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.MessageId), deadline.Token);
                }
                row.PublishedAt = clock.GetUtcNow();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                row.Attempts++;
                var delay = TimeSpan.FromTicks(Math.Min(options.Value.MaxRetryDelay.Ticks,
                    options.Value.RetryDelay.Ticks * (1L << Math.Min(row.Attempts - 1, 20))));
                row.AvailableAt = clock.GetUtcNow() + delay;
                row.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                LogPublishFailed(logger, row.MessageId, row.Attempts, e);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var row in rows.Where(r => r.PublishedAt is not null))
        {
            if (Hub.Contracts.V1.ExchangeNames.PlatformOfInbox(row.Destination) is { } platform)
            {
                metrics.Sent(platform);
            }
        }
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} not published (attempt {Attempts}); retrying later")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay round failed; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
