using System.Text.Json;
using Hub.Adapter.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Adapter.Store;

/// <summary>
/// Sends committed outbox rows to the platform's outbound exchange. Each round claims a batch with
/// FOR UPDATE SKIP LOCKED under a lease (never a high-water mark: rows of concurrent transactions commit out of id
/// order; relays on several replicas share the work), sends up to <see cref="AdapterStoreOptions.MaxInFlight"/> at once,
/// each with its row's message id and waiting for the broker's confirm, then records every outcome. A crash between
/// confirm and record sends a row again once its lease ends: at least once on the wire, the hub's inbox makes it once.
/// </summary>
internal sealed partial class OutboxRelay(
    AdapterStore store,
    IOutboundTransport transport,
    IOptions<AdapterStoreOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);
    private readonly WakeSignal wake = new();
    private DateTimeOffset nextPrune;

    /// <summary>Wakes the relay now (called after a commit that enqueued messages).</summary>
    public void Notify() => wake.Notify();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.EnsureReadyAsync(stoppingToken).ConfigureAwait(false);
                while (await PublishPendingAsync(stoppingToken).ConfigureAwait(false) == options.Value.RelayBatchSize)
                {
                }
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e);
            }
            if (!await wake.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>One round: claims up to a batch of due rows, sends them, records the outcomes. Returns the rows claimed.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var rows = await ClaimAsync(settings, ct).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }
        var errors = new string?[rows.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxInFlight, CancellationToken = ct },
            async (i, token) => errors[i] = await SendAsync(rows[i], settings.SendTimeout, token).ConfigureAwait(false)).ConfigureAwait(false);

        var now = clock.GetUtcNow();
        var sent = rows.Where((_, i) => errors[i] is null).Select(r => r.Id).ToArray();
        var failed = rows.Select((r, i) => (Row: r, Error: errors[i])).Where(x => x.Error is not null).ToArray();
        await using var batch = store.DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {store.Schema}.outbox SET published_at = $1 WHERE id = ANY($2)")
        {
            Parameters = { new NpgsqlParameter { Value = now }, new NpgsqlParameter { Value = sent } },
        });
        if (failed.Length > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"UPDATE {store.Schema}.outbox o SET attempts = o.attempts + 1, available_at = v.at, last_error = v.error FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS v(id, at, error) WHERE o.id = v.id")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = failed.Select(f => f.Row.Id).ToArray() },
                    new NpgsqlParameter { Value = failed.Select(f => now + Backoff(f.Row.Attempts + 1, settings)).ToArray() },
                    new NpgsqlParameter { Value = failed.Select(f => f.Error!).ToArray() },
                },
            });
            // One line per round, not per message: a broker down for minutes must not flood the log.
            LogSendFailed(logger, failed.Length, rows.Count, failed[0].Row.Attempts + 1, failed[0].Error!);
        }
        // Both outcomes in one transaction (a batch is one implicit transaction).
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>Delay before attempt <paramref name="attempts"/> + 1: doubles from RetryDelay, capped at MaxRetryDelay.</summary>
    internal static TimeSpan Backoff(int attempts, AdapterStoreOptions settings) =>
        TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));

    private async Task<string?> SendAsync(ClaimedRow row, TimeSpan timeout, CancellationToken ct)
    {
        // An unreachable broker must not hold the claimed rows' locks for ever: each send has a deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var (type, message) = row.Message ?? Parse(row);
            await transport.SendAsync(message, type, row.MessageId, deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? $"No broker confirm within {timeout}." : e.GetType().Name + ": " + e.Message;
            return reason.Length > 500 ? reason[..500] : reason;
        }
    }

    private static (Type, object) Parse(ClaimedRow row)
    {
        var type = ContractTypes.Resolve(row.ContractType) ?? throw new InvalidOperationException($"Unknown contract type {row.ContractType}.");
        var message = JsonSerializer.Deserialize(row.Body ?? throw new InvalidOperationException("Message body not read."), type, AdapterTransaction.Json)
            ?? throw new InvalidOperationException("Empty message body.");
        return (type, message);
    }

    /// <summary>
    /// Claims due rows with FOR UPDATE SKIP LOCKED and leases them (available_at moves past the send deadline) in one
    /// short statement: no transaction stays open while the broker confirms, so the relay never holds back the
    /// PostgreSQL transaction horizon that the source's change reads wait for (store and platform often share a
    /// server). A relay that dies mid-send leaves rows whose lease runs out, and they are sent again.
    /// </summary>
    private async Task<List<ClaimedRow>> ClaimAsync(AdapterStoreOptions settings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = store.DataSource.CreateCommand(
            $"UPDATE {store.Schema}.outbox SET available_at = $3 WHERE id IN (SELECT id FROM {store.Schema}.outbox WHERE published_at IS NULL AND available_at <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) " +
            "RETURNING id, message_id, contract_type, attempts");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = settings.RelayBatchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = now + settings.SendTimeout * 2 + TimeSpan.FromSeconds(5) });
        var rows = new List<ClaimedRow>();
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var messageId = reader.GetGuid(1);
                rows.Add(new ClaimedRow(reader.GetInt64(0), messageId, reader.GetString(2), reader.GetInt32(3),
                    store.Memo.TryTake(messageId, out var type, out var message) ? (type, message) : null));
            }
        }
        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        // Bodies are read only for messages this process does not hold; the rows are leased, so they cannot change.
        if (rows.Where(r => r.Message is null).Select(r => r.Id).ToArray() is { Length: > 0 } unread)
        {
            await using var bodies = store.DataSource.CreateCommand($"SELECT id, body FROM {store.Schema}.outbox WHERE id = ANY($1)");
            bodies.Parameters.Add(new NpgsqlParameter { Value = unread });
            var byId = rows.ToDictionary(r => r.Id);
            await using var reader = await bodies.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                byId[reader.GetInt64(0)].Body = reader.GetString(1);
            }
        }
        return rows;
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < nextPrune)
        {
            return;
        }
        nextPrune = now + PruneInterval;
        await using var command = store.DataSource.CreateCommand($"DELETE FROM {store.Schema}.outbox WHERE published_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = now - options.Value.PublishedRetention });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    private sealed record ClaimedRow(long Id, Guid MessageId, string ContractType, int Attempts, (Type Type, object Message)? Message)
    {
        /// <summary>The stored JSON, read only when <see cref="Message"/> is null.</summary>
        public string? Body { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Failed} of {Claimed} messages not confirmed by the broker (attempt {Attempts}): {Reason}; retrying with backoff")]
    private static partial void LogSendFailed(ILogger logger, int failed, int claimed, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed; retrying at the next interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
