using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using MassTransit;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// The transaction every exchange consumer runs in: inbox mark, effects, answer (outbox) and commit together, so a
/// redelivered message is recognised and a crash leaves either everything or nothing. A batch that raced another batch
/// registering the same new person is retried from the start (the other batch has committed by then).
/// </summary>
public sealed class SyncUnitOfWork(HubDbContext db, Outbox outbox, OutboxSignal signal)
{
    public async Task<bool> RunAsync(string consumer, ConsumeContext context, Guid fallbackId, Func<CancellationToken, Task> work)
    {
        var messageId = context.MessageId ?? fallbackId;
        var ct = context.CancellationToken;
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await outbox.TryBeginAsync(consumer, messageId, ct))
            {
                return false;
            }
            try
            {
                await work(ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                signal.Notify();
                return true;
            }
            catch (ConcurrentRegistrationException) when (attempt < 4)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }
}
