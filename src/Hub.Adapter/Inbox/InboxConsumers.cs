using Hub.Adapter.Follow;
using Hub.Adapter.Pump;
using Hub.Adapter.Reconciliation;
using Hub.Adapter.Sinks;
using Hub.Adapter.Store;
using Hub.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Adapter.Inbox;

/// <summary>
/// Runs a message's effects once: the inbox mark and the effects share one store transaction, so a redelivery after
/// a commit is recognised and skipped, and a failure forgets the mark with the effects. Effects outside the store (the
/// sink) run inside that transaction's lifetime and are idempotent, so a commit that fails after them only repeats them.
/// </summary>
internal sealed class InboxGate(AdapterStore store, OutboxRelay relay)
{
    public async Task<bool> RunOnceAsync<T>(ConsumeContext<T> context, Func<AdapterTransaction, Task> effects) where T : class
    {
        await store.EnsureReadyAsync(context.CancellationToken).ConfigureAwait(false);
        await using var unit = await store.BeginAsync(context.CancellationToken).ConfigureAwait(false);
        if (context.MessageId is { } id && !await unit.TryMarkProcessedAsync(typeof(T).Name, id, context.CancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        await effects(unit).ConfigureAwait(false);
        await unit.CommitAsync(context.CancellationToken).ConfigureAwait(false);
        if (unit.Enqueued > 0)
        {
            relay.Notify();
        }
        return true;
    }
}

internal sealed partial class IdentitiesAssignedConsumer(InboxGate gate, IPlatformSink sink, ILogger<IdentitiesAssignedConsumer> logger)
    : IConsumer<IdentitiesAssigned>
{
    public async Task Consume(ConsumeContext<IdentitiesAssigned> context)
    {
        var answer = context.Message;
        if (await gate.RunOnceAsync(context, _ => sink.ApplyAnswerAsync(answer, context.CancellationToken)).ConfigureAwait(false))
        {
            LogAnswer(logger, answer.BatchId, answer.Entity, answer.Assigned.Count, answer.Rejected.Count, answer.Conflicts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub answered batch {BatchId} ({Entity}): {Assigned} held, {Rejected} rejected, {Conflicts} for review")]
    private static partial void LogAnswer(ILogger logger, Guid batchId, string entity, int assigned, int rejected, int conflicts);
}

internal sealed partial class RemovalsHeldConsumer(InboxGate gate, IPlatformSink sink, ILogger<RemovalsHeldConsumer> logger) : IConsumer<RemovalsHeld>
{
    public async Task Consume(ConsumeContext<RemovalsHeld> context)
    {
        var hold = context.Message;
        if (await gate.RunOnceAsync(context, _ => sink.ApplyRemovalsHeldAsync(hold, context.CancellationToken)).ConfigureAwait(false))
        {
            LogHeld(logger, hold.Removals, hold.Entity, hold.BatchId, hold.ShareOfPlatform, hold.HoldId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub holds {Removals} {Entity} removals of batch {BatchId} ({Share:P1} of the platform) for an operator: hold {HoldId}")]
    private static partial void LogHeld(ILogger logger, int removals, string entity, Guid batchId, double share, long holdId);
}

internal sealed partial class SnapshotRequestedConsumer(InboxGate gate, ILogger<SnapshotRequestedConsumer> logger) : IConsumer<SnapshotRequested>
{
    public async Task Consume(ConsumeContext<SnapshotRequested> context)
    {
        var request = context.Message;
        if (MessageFactory.Entity(request.Entity) is not { } entity)
        {
            LogUnknown(logger, request.Entity);
            return;
        }
        if (await gate.RunOnceAsync(context, unit => SnapshotJobs.RequestAsync(unit, request.RequestId, entity, context.CancellationToken)).ConfigureAwait(false))
        {
            LogRequested(logger, request.Entity, request.RequestId, request.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub asked for a snapshot of {Entity} ({RequestId}): {Reason}")]
    private static partial void LogRequested(ILogger logger, string entity, Guid requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of unknown entity '{Entity}' ignored")]
    private static partial void LogUnknown(ILogger logger, string entity);
}

internal sealed class ReconcileRequestedConsumer(InboxGate gate, Reconciler reconciler) : IConsumer<ReconcileRequested>
{
    public async Task Consume(ConsumeContext<ReconcileRequested> context)
    {
        if (MessageFactory.Entity(context.Message.Entity) is { } entity)
        {
            await gate.RunOnceAsync(context, unit => reconciler.ReportRootAsync(unit, context.Message.RequestId, entity, context.CancellationToken))
                .ConfigureAwait(false);
        }
    }
}

internal sealed class ReconciliationRangesRequestedConsumer(InboxGate gate, Reconciler reconciler) : IConsumer<ReconciliationRangesRequested>
{
    public async Task Consume(ConsumeContext<ReconciliationRangesRequested> context)
    {
        if (MessageFactory.Entity(context.Message.Entity) is { } entity)
        {
            await gate.RunOnceAsync(context, unit => reconciler.AnswerRangesAsync(unit, context.Message, entity, context.CancellationToken))
                .ConfigureAwait(false);
        }
    }
}

internal sealed partial class ReconciliationCompletedConsumer(ILogger<ReconciliationCompletedConsumer> logger) : IConsumer<ReconciliationCompleted>
{
    public Task Consume(ConsumeContext<ReconciliationCompleted> context)
    {
        var done = context.Message;
        LogCompleted(logger, done.Entity, done.RequestId, done.Status, done.MismatchedRanges);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Entity} ({RequestId}): {Status}, {Ranges} ranges differed")]
    private static partial void LogCompleted(ILogger logger, string entity, Guid requestId, string status, int ranges);
}

/// <summary>The hub's feed moved: pull now when this platform follows it (the notice carries no data; losing or repeating it is harmless).</summary>
internal sealed class ChangesAvailableConsumer(IServiceProvider services) : IConsumer<ChangesAvailable>
{
    public Task Consume(ConsumeContext<ChangesAvailable> context)
    {
        services.GetService<FeedFollower>()?.Notify(context.Message.Stream, context.Message.FromVersion);
        return Task.CompletedTask;
    }
}
