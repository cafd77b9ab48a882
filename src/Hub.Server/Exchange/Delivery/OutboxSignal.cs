using System.Threading.Channels;

namespace Hub.Server.Exchange.Delivery;

/// <summary>
/// Wakes this replica's relay right after a commit that added outbox rows, so an answer leaves within milliseconds
/// instead of at the next poll. Other replicas still find the rows by polling.
/// </summary>
public sealed class OutboxSignal
{
    // At most one pending wake-up: several commits before the relay runs need one round.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
