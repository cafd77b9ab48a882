using Hub.Adapter.Pump;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Hub.Contracts.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Reconciliation;

/// <summary>
/// The adapter's side of a reconciliation round. It reports digests of the 256 top buckets with per-region counts;
/// the hub answers with prefixes to split further (digests of their 256 sub-buckets are reported) and prefixes small
/// enough to repair (their records are sent again as ordinary change batches, then every key and version under them,
/// so the hub can also find keys the source no longer has). Every answer is written to the outbox in the caller's unit
/// of work, together with the inbox mark of the request.
/// </summary>
internal sealed partial class Reconciler(
    IPlatformSource source,
    MessageFactory messages,
    IOptions<PumpOptions> options,
    ILogger<Reconciler> logger)
{
    /// <summary>Starts a round: digests of prefix "" and per-region counts.</summary>
    public async Task ReportRootAsync(AdapterTransaction unit, Guid requestId, SourceEntity entity, CancellationToken ct)
    {
        var name = MessageFactory.Name(entity);
        var counts = await source.CountAsync(entity, ct).ConfigureAwait(false);
        var buckets = await DigestAsync(entity, [""], ct).ConfigureAwait(false);
        await unit.EnqueueAsync(new ReconciliationReported(requestId, messages.PlatformId, name, buckets, counts.ByRegion, messages.Now), ct)
            .ConfigureAwait(false);
        LogRoundStarted(logger, name, requestId, counts.Total);
    }

    /// <summary>Answers the hub's narrowing request.</summary>
    public async Task AnswerRangesAsync(AdapterTransaction unit, ReconciliationRangesRequested request, SourceEntity entity, CancellationToken ct)
    {
        var name = MessageFactory.Name(entity);
        foreach (var group in request.DigestPrefixes.Distinct(StringComparer.Ordinal).GroupBy(p => p.Length))
        {
            var buckets = await DigestAsync(entity, [.. group], ct).ConfigureAwait(false);
            await unit.EnqueueAsync(new ReconciliationReported(request.RequestId, messages.PlatformId, name, buckets, null, messages.Now), ct).ConfigureAwait(false);
        }
        if (request.RecordPrefixes.Count == 0)
        {
            return;
        }
        var prefixes = request.RecordPrefixes.Distinct(StringComparer.Ordinal).ToArray();
        var keys = new List<KeyVersion>();
        await foreach (var key in source.ReadKeyVersionsAsync(entity, prefixes, ct).ConfigureAwait(false))
        {
            keys.Add(key);
        }
        foreach (var chunk in keys.Select(k => k.Key).Chunk(options.Value.BatchSize))
        {
            if (entity == SourceEntity.People)
            {
                var people = await source.ReadPeopleByKeysAsync(chunk, ct).ConfigureAwait(false);
                if (people.Count > 0)
                {
                    await unit.EnqueueAsync(messages.People(people), ct).ConfigureAwait(false);
                }
            }
            else
            {
                var organizations = await source.ReadOrganizationsByKeysAsync(chunk, ct).ConfigureAwait(false);
                if (organizations.Count > 0)
                {
                    await unit.EnqueueAsync(messages.Organizations(organizations), ct).ConfigureAwait(false);
                }
            }
        }
        await unit.EnqueueAsync(new ReconciliationKeysReported(request.RequestId, messages.PlatformId, name, prefixes, keys, messages.Now), ct)
            .ConfigureAwait(false);
        LogRepairSent(logger, name, request.RequestId, prefixes.Length, keys.Count);
    }

    /// <summary>Digest of the sub-buckets of <paramref name="prefixes"/> (all of one length), streamed from the source.</summary>
    public async Task<IReadOnlyList<DigestBucket>> DigestAsync(SourceEntity entity, IReadOnlyCollection<string> prefixes, CancellationToken ct)
    {
        var digest = new Digest(prefixes);
        IReadOnlyCollection<string> filter = prefixes.Any(p => p.Length > 0) ? prefixes : [];
        await foreach (var key in source.ReadKeyVersionsAsync(entity, filter, ct).ConfigureAwait(false))
        {
            digest.Add(key.Key, key.Version);
        }
        return digest.Buckets();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Entity} ({RequestId}): digests of {Records} records reported")]
    private static partial void LogRoundStarted(ILogger logger, string entity, Guid requestId, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Entity} ({RequestId}): {Prefixes} ranges resent, {Keys} keys reported")]
    private static partial void LogRepairSent(ILogger logger, string entity, Guid requestId, int prefixes, int keys);
}
