namespace Hub.Adapter;

/// <summary>
/// Wakes a background loop before its interval ends (a commit enqueued messages, the hub announced changes). Wake-ups
/// while the loop is busy collapse into one: the loop always re-reads its work, so one is enough.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it in between.
            }
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="interval"/>; false when <paramref name="ct"/> ended the wait.</summary>
    public async Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await semaphore.WaitAsync(interval, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => semaphore.Dispose();
}
