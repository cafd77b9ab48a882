using System.Text.Json;
using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Pump;

/// <summary>
/// Full resends asked for by <c>SnapshotRequested</c>. A request is stored as a cursor (same transaction as the inbox
/// mark of the request); the pump then sends the entity in key order, one batch per round, moving the job's cursor in
/// the batch's transaction, so a snapshot survives restarts and never holds the whole entity in memory.
/// </summary>
internal sealed partial class SnapshotJobs(
    IPlatformSource source,
    AdapterStore store,
    OutboxRelay relay,
    MessageFactory messages,
    IOptions<PumpOptions> options,
    ILogger<SnapshotJobs> logger)
{
    private const string Prefix = "snapshot:";

    /// <summary>Records the request in <paramref name="unit"/>; a running snapshot of the entity starts over.</summary>
    public static Task RequestAsync(AdapterTransaction unit, Guid requestId, SourceEntity entity, CancellationToken ct) =>
        unit.SetCursorAsync(Prefix + MessageFactory.Name(entity), JsonSerializer.Serialize(new Job(requestId, null, 0)), ct);

    /// <summary>One batch of every running snapshot; returns the records enqueued.</summary>
    public async Task<int> StepAsync(CancellationToken ct)
    {
        var jobs = await store.GetCursorsAsync(Prefix, ct).ConfigureAwait(false);
        var moved = 0;
        foreach (var name in jobs.Keys)
        {
            moved += await StepAsync(name, ct).ConfigureAwait(false);
        }
        return moved;
    }

    private async Task<int> StepAsync(string name, CancellationToken ct)
    {
        await using var unit = await store.BeginAsync(ct).ConfigureAwait(false);
        if (await unit.LockCursorAsync(name, ct).ConfigureAwait(false) is not { } value
            || MessageFactory.Entity(name[Prefix.Length..]) is not { } entity)
        {
            return 0;
        }
        var job = JsonSerializer.Deserialize<Job>(value)!;
        var size = options.Value.BatchSize;
        int count;
        string? last;
        if (entity == SourceEntity.People)
        {
            var people = await source.ReadPeopleAsync(job.After, size, ct).ConfigureAwait(false);
            if (people.Count > 0)
            {
                await unit.EnqueueAsync(messages.People(people), ct).ConfigureAwait(false);
            }
            (count, last) = (people.Count, people.Count > 0 ? people[^1].LocalId : null);
        }
        else
        {
            var organizations = await source.ReadOrganizationsAsync(job.After, size, ct).ConfigureAwait(false);
            if (organizations.Count > 0)
            {
                await unit.EnqueueAsync(messages.Organizations(organizations), ct).ConfigureAwait(false);
            }
            (count, last) = (organizations.Count, organizations.Count > 0 ? organizations[^1].Code : null);
        }
        if (count < size)
        {
            await unit.DeleteCursorAsync(name, ct).ConfigureAwait(false);
            LogFinished(logger, name[Prefix.Length..], job.RequestId, job.Sent + count);
        }
        else
        {
            await unit.SetCursorAsync(name, JsonSerializer.Serialize(job with { After = last, Sent = job.Sent + count }), ct).ConfigureAwait(false);
        }
        await unit.CommitAsync(ct).ConfigureAwait(false);
        relay.Notify();
        return count;
    }

    private sealed record Job(Guid RequestId, string? After, long Sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of {Entity} for request {RequestId} queued: {Records} records")]
    private static partial void LogFinished(ILogger logger, string entity, Guid requestId, long records);
}
