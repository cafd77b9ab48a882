using System.Collections.Concurrent;

namespace Hub.Adapter.Store;

/// <summary>
/// The messages this process committed to the outbox lately, by message id, so that the relay sends the object it
/// already has instead of reading back and parsing the body it just wrote (a thousand-person batch each). Only a
/// shortcut: a message it does not hold (another replica's, one sent after a restart, one evicted while the broker was
/// down) is read from its row as before, so the outbox stays the only record of what is owed.
/// </summary>
internal sealed class OutboxMemo
{
    /// <summary>
    /// Two of the pump's transactions (8 batches each): enough to keep up with it, and small enough that a broker
    /// outage pins a few tens of MB, not hundreds. Beyond it the oldest are forgotten, never lost.
    /// </summary>
    internal const int Capacity = 16;

    private readonly ConcurrentDictionary<Guid, (Type Type, object Message)> messages = new();
    private readonly ConcurrentQueue<Guid> order = new();

    /// <summary>Keeps committed messages (called after the commit, never before: a rolled-back one must not be sent).</summary>
    public void Remember(IEnumerable<(Guid Id, Type Type, object Message)> committed)
    {
        foreach (var (id, type, message) in committed)
        {
            messages[id] = (type, message);
            order.Enqueue(id);
        }
        while (order.Count > Capacity && order.TryDequeue(out var oldest))
        {
            messages.TryRemove(oldest, out _);
        }
    }

    /// <summary>The message with <paramref name="id"/> if this process still holds it; removed, as it is about to be sent.</summary>
    public bool TryTake(Guid id, out Type type, out object message)
    {
        var found = messages.TryRemove(id, out var entry);
        (type, message) = entry;
        return found;
    }
}
