using Hub.Contracts.V1;
using Hub.Server.Exchange;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Monitoring;

/// <summary>The dead-letter queue as the sampler saw it: its depth and, of the messages peeked, who sent them and why.</summary>
public sealed record DeadLetterSummary(long Depth, IReadOnlyDictionary<string, List<string>> ReasonsByPlatform, int Unattributed)
{
    public static DeadLetterSummary Empty { get; } = new(0, new Dictionary<string, List<string>>(), 0);
}

/// <summary>A moment's health of every platform with credentials (approved, connected, suspended).</summary>
public sealed record HealthSnapshot(DateTimeOffset At, IReadOnlyList<HealthReading> Platforms, DeadLetterSummary DeadLetters, bool BrokerStatistics);

/// <summary>
/// Reads the current health of every platform in a handful of set-wide queries (sync states, unsent outbox messages,
/// latest reconciliation rounds, pending holds, the hub's change version) plus one management API call for all queue
/// depths and a peek at the dead letters. The broker being unreachable leaves depths at zero and says so.
/// </summary>
public sealed partial class HealthReader(HubDbContext db, RabbitMqManagement management, DeadLetters deadLetters, IOptions<MonitoringOptions> options,
    ILogger<HealthReader> logger)
{
    private sealed record Row(string PlatformId, string RegionCode, short Status, string? Name, DateTimeOffset UpdatedAt, DateTimeOffset? LastHeartbeatAt,
        string? AdapterVersion, long? PendingOutbox, long? AcknowledgedHubVersion, long? MessagesIn, long? MessagesOut, long? RecordsApplied,
        long? RecordsRejected, long? TokenRequests, long? TokenFailures);

    private sealed record Oldest(string Destination, DateTimeOffset CreatedAt);

    private sealed record Round(string PlatformId, string Entity, short Status, int MismatchedRanges, int RepairedKeys, long SourceCount, long HubCount,
        DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

    private sealed record Holds(string PlatformId, int Count);

    public async Task<HealthSnapshot> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT a.public_id AS platform_id, a.region_code AS region_code, a.status::smallint AS status, a.form->>'name' AS name,
                a.updated_at AS updated_at, s.last_heartbeat_at AS last_heartbeat_at, s.adapter_version AS adapter_version, s.pending_outbox AS pending_outbox,
                s.acknowledged_hub_version AS acknowledged_hub_version, s.messages_in AS messages_in, s.messages_out AS messages_out,
                s.records_applied AS records_applied, s.records_rejected AS records_rejected, s.token_requests AS token_requests, s.token_failures AS token_failures
            FROM platform_accesses a LEFT JOIN platform_sync_states s ON s.platform_id = a.public_id
            WHERE a.status IN ({(int)PlatformAccessStatus.Approved}, {(int)PlatformAccessStatus.Connected}, {(int)PlatformAccessStatus.Suspended})
            ORDER BY a.region_code, a.public_id
            """).ToListAsync(ct);
        // Only unsent rows are read (the relay's partial index): normally none or a few per platform.
        var oldest = (await db.Database.SqlQuery<Oldest>($"""
            SELECT destination AS destination, min(created_at) AS created_at FROM outbox_messages
            WHERE published_at IS NULL AND destination IS NOT NULL GROUP BY destination
            """).ToListAsync(ct)).ToDictionary(r => r.Destination, r => r.CreatedAt, StringComparer.Ordinal);
        var since = now - o.QuarterRetention;
        var rounds = (await db.Database.SqlQuery<Round>($"""
            SELECT DISTINCT ON (platform_id, entity) platform_id AS platform_id, entity AS entity, status::smallint AS status,
                mismatched_ranges AS mismatched_ranges, repaired_keys AS repaired_keys, source_count AS source_count, hub_count AS hub_count,
                started_at AS started_at, updated_at AS updated_at
            FROM reconciliation_rounds WHERE started_at >= {since} ORDER BY platform_id, entity, started_at DESC
            """).ToListAsync(ct)).ToLookup(r => r.PlatformId, StringComparer.Ordinal);
        var holds = (await db.Database.SqlQuery<Holds>($"""
            SELECT platform_id AS platform_id, count(*)::int AS count FROM removal_holds WHERE status = {(short)HoldStatus.Pending} GROUP BY platform_id
            """).ToListAsync(ct)).ToDictionary(h => h.PlatformId, h => h.Count, StringComparer.Ordinal);
        var hubVersion = await db.Database.SqlQueryRaw<long>($"SELECT last_value AS \"Value\" FROM {HubDbContext.ChangeVersionSequence}").SingleAsync(ct);
        var (depths, brokerStatistics) = await DepthsAsync(ct);
        var letters = await DeadLettersAsync(depths.GetValueOrDefault(Exchange.Sync.DeadLetters.Queue), ct);

        var readings = new List<HealthReading>(rows.Count);
        foreach (var r in rows)
        {
            var access = (PlatformAccessStatus)r.Status;
            var ack = r.AcknowledgedHubVersion ?? 0;
            // Only followers acknowledge the feed; a platform that never did has no feed position to lag behind.
            var lag = ack > 0 ? Math.Max(0, hubVersion - ack) : 0;
            var outboxAge = oldest.TryGetValue(ExchangeNames.Inbox(r.PlatformId), out var first) ? Max(now - first, TimeSpan.Zero) : TimeSpan.Zero;
            var inbox = depths.GetValueOrDefault(ExchangeNames.Inbox(r.PlatformId));
            var reasons = letters.ReasonsByPlatform.GetValueOrDefault(r.PlatformId) ?? [];
            var recon = rounds[r.PlatformId].Select(x => new ReconciliationView(x.Entity, ((ReconciliationStatus)x.Status).ToString().ToLowerInvariant(),
                x.MismatchedRanges, x.RepairedKeys, x.SourceCount, x.HubCount, x.StartedAt, x.UpdatedAt)).ToList();
            var flags = HealthRules.Flags(lag, outboxAge, inbox, r.PendingOutbox ?? 0, reasons.Count, recon, o);
            readings.Add(new HealthReading
            {
                PlatformId = r.PlatformId, Name = r.Name ?? r.PlatformId, RegionCode = r.RegionCode, AccessStatus = access, AccessSince = r.UpdatedAt,
                State = HealthRules.Classify(access, r.LastHeartbeatAt, flags, now, o), Flags = flags,
                LastHeartbeatAt = r.LastHeartbeatAt, AdapterVersion = r.AdapterVersion, HubVersion = hubVersion, AcknowledgedVersion = ack, LagVersions = lag,
                OutboxAge = outboxAge, InboxDepth = inbox, AdapterPending = r.PendingOutbox ?? 0,
                DeadLetters = reasons.Count, DeadLetterReasons = reasons.Distinct(StringComparer.Ordinal).Take(5).ToList(),
                PendingHolds = holds.GetValueOrDefault(r.PlatformId),
                MessagesIn = r.MessagesIn ?? 0, MessagesOut = r.MessagesOut ?? 0, RecordsApplied = r.RecordsApplied ?? 0, RecordsRejected = r.RecordsRejected ?? 0,
                TokenRequests = r.TokenRequests ?? 0, TokenFailures = r.TokenFailures ?? 0, Reconciliation = recon,
            });
        }
        return new HealthSnapshot(now, readings, letters, brokerStatistics);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task<(IReadOnlyDictionary<string, long> Depths, bool Available)> DepthsAsync(CancellationToken ct)
    {
        try
        {
            return (await management.QueueDepthsAsync(ct), true);
        }
        catch (RabbitMqManagementException e)
        {
            LogBrokerUnavailable(logger, e);
            return (new Dictionary<string, long>(), false);
        }
    }

    private async Task<DeadLetterSummary> DeadLettersAsync(long depth, CancellationToken ct)
    {
        if (depth == 0 || options.Value.DeadLetterPeek == 0)
        {
            return DeadLetterSummary.Empty with { Depth = depth };
        }
        try
        {
            var peeked = await deadLetters.ListAsync(options.Value.DeadLetterPeek, ct);
            var byPlatform = peeked.Where(l => l.SourcePlatform is not null).GroupBy(l => l.SourcePlatform!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(l => l.Reason).ToList(), StringComparer.Ordinal);
            return new DeadLetterSummary(depth, byPlatform, peeked.Count(l => l.SourcePlatform is null));
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            LogBrokerUnavailable(logger, e);
            return DeadLetterSummary.Empty with { Depth = depth };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health sampler: broker statistics unavailable this round")]
    private static partial void LogBrokerUnavailable(ILogger logger, Exception exception);
}
