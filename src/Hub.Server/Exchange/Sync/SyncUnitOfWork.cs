using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using MassTransit;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// The transaction every exchange consumer runs in: inbox mark, effects, answer (outbox) and commit together, so a
/// redelivered message is recognised and a crash leaves either everything or nothing. A batch that raced another batch
/// registering the same new person, a deadlock or a unique violation between concurrent batches is retried from the
/// start (the other batch has committed by then).
/// </summary>
public sealed class SyncUnitOfWork(HubDbContext db, Outbox outbox, OutboxSignal signal)
{
    /// <summary>The change sequence's position when the current attempt's transaction began: every change version it
    /// writes is higher (the sequence is not cached per session).</summary>
    public long StartVersion { get; private set; }

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
            StartVersion = await db.CurrentChangeVersionAsync(ct);
            try
            {
                await work(ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                signal.Notify();
                return true;
            }
            catch (Exception e) when (attempt < 9 && IsContention(e))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                // Batches of one platform race on the same people; a short random pause lets the winner commit.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * (attempt + 1)), ct);
            }
        }
    }

    private static bool IsContention(Exception e) => e switch
    {
        Npgsql.PostgresException p => p.SqlState is Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure
            or Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } => IsContention(inner),
        _ => false,
    };
}
