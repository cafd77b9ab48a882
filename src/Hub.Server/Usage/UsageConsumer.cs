using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Exchange.Sync;
using MassTransit;

namespace Hub.Server.Usage;

/// <summary>Stores and aggregates a platform's usage batch and answers it with <see cref="UsageAccepted"/> in the same transaction.</summary>
public sealed class UsageRecordedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, UsageIngest ingest, Outbox outbox, ExchangeMetrics metrics,
    TimeProvider clock) : IConsumer<UsageRecorded>
{
    public async Task Consume(ConsumeContext<UsageRecorded> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(UsageRecordedConsumer), context, batch.BatchId, async ct =>
        {
            var count = batch.Events?.Count ?? 0;
            var whole = !string.Equals(batch.SchemaVersion, ExchangeNames.SchemaVersion, StringComparison.Ordinal) ? ExchangeErrors.SchemaVersionUnsupported
                : count > UsageIngest.MaxEvents ? ExchangeErrors.BatchTooLarge : null;
            var outcome = whole is not null
                ? new UsageOutcome(0, 0, [.. (batch.Events ?? []).Select(e => new RecordRejection(e?.EventId.ToString() ?? "", 0, whole.Code, null, whole.MessageZh, whole.MessageEn))])
                : await ingest.ApplyAsync(platform.LinkPlatformId, batch.Events!, ct);
            outbox.SendToPlatform(platform.PublicId, new UsageAccepted(batch.BatchId, outcome.Accepted, outcome.Duplicates, outcome.Rejected, clock.GetUtcNow()));
            metrics.Batch(platform.PublicId, "usage", outcome.Accepted + outcome.Duplicates, outcome.Rejected.Count);
        });
    }
}
