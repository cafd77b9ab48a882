using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using MassTransit;

namespace Hub.Server.Exchange.Sync;

/// <summary>Applies a platform's people batch and answers it with <see cref="IdentitiesAssigned"/> in the same transaction.</summary>
internal sealed class PeopleChangedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, PeopleSync sync, Outbox outbox,
    FollowerNotices followers, ExchangeMetrics metrics, TimeProvider clock) : IConsumer<PeopleChanged>
{
    public async Task Consume(ConsumeContext<PeopleChanged> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(PeopleChangedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = BatchRules.Check(batch.SchemaVersion, batch.Changes?.Count ?? 0) is { } whole
                ? BatchRules.RejectAll(batch.BatchId, "people", batch.Changes?.Select(c => (c?.LocalId ?? "", c?.Version ?? 0)), whole)
                : await sync.ApplyAsync(platform, batch, ct);
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            await followers.NotifyAsync(platform, "people", answer.Assigned.Count > 0, ct);
            metrics.Batch(platform.PublicId, "people", answer.Assigned.Count, answer.Rejected.Count, answer.Rejected.Select(r => r.Code));
        });
    }
}

/// <summary>Rules every batch obeys before its records are looked at.</summary>
internal static class BatchRules
{
    public const int MaxRecords = 1000;

    public static Problems.ErrorDefinition? Check(string? schemaVersion, int count) =>
        !string.Equals(schemaVersion, ExchangeNames.SchemaVersion, StringComparison.Ordinal) ? ExchangeErrors.SchemaVersionUnsupported
        : count > MaxRecords ? ExchangeErrors.BatchTooLarge
        : null;

    public static SyncAnswer RejectAll(Guid batchId, string entity, IEnumerable<(string Key, long Version)>? records, Problems.ErrorDefinition error)
    {
        var answer = new SyncAnswer(batchId, entity);
        foreach (var (key, version) in records ?? [])
        {
            answer.Reject(key, version, null, error);
        }
        return answer;
    }
}
