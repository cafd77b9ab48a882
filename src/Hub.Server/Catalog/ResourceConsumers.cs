using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Exchange.Sync;
using MassTransit;

namespace Hub.Server.Catalog;

/// <summary>Applies a platform's resource batch and answers it with <see cref="IdentitiesAssigned"/> in the same transaction.</summary>
public sealed class ResourcesChangedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, ResourceWriter writer, Outbox outbox,
    FollowerNotices followers, ExchangeMetrics metrics, TimeProvider clock) : IConsumer<ResourcesChanged>
{
    public async Task Consume(ConsumeContext<ResourcesChanged> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(ResourcesChangedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = new SyncAnswer(batch.BatchId, "resources");
            if (BatchRules.Check(batch.SchemaVersion, batch.Changes?.Count ?? 0) is { } whole)
            {
                answer = BatchRules.RejectAll(batch.BatchId, "resources", batch.Changes?.Select(c => (c?.SourceId ?? "", c?.Version ?? 0)), whole);
            }
            else
            {
                await writer.ApplyAsync(platform.Caller, batch.Changes!, answer, ct);
            }
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            await followers.NotifyAsync(platform, "resources", answer.Assigned.Any(a => a.Outcome != Outcomes.Stale), ct);
            metrics.Batch(platform.PublicId, "resources", answer.Assigned.Count, answer.Rejected.Count);
        });
    }
}

/// <summary>Withdraws resources a platform deleted, from every catalog and space at once.</summary>
public sealed class ResourcesRemovedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, ResourceRemovals removals, Outbox outbox,
    FollowerNotices followers, ExchangeMetrics metrics, TimeProvider clock) : IConsumer<ResourcesRemoved>
{
    public async Task Consume(ConsumeContext<ResourcesRemoved> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(ResourcesRemovedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = BatchRules.Check(batch.SchemaVersion, batch.Removals?.Count ?? 0) is { } whole
                ? BatchRules.RejectAll(batch.BatchId, "resources", batch.Removals?.Select(r => (r?.Key ?? "", r?.Version ?? 0)), whole)
                : await removals.ApplyAsync(platform.LinkPlatformId, batch.BatchId, batch.Removals!, ct);
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            await followers.NotifyAsync(platform, "resources-deletes", answer.Assigned.Any(a => a.Outcome == Outcomes.Removed), ct);
            metrics.Batch(platform.PublicId, "resource-removals", answer.Assigned.Count, answer.Rejected.Count);
        });
    }
}
