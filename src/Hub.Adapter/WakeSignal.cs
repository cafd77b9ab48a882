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
    public async Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct) =>
        await WaitForAsync(interval, ct).ConfigureAwait(false) != Wake.Stopped;

    /// <summary>Waits for a wake-up or <paramref name="interval"/> and says which ended the wait.</summary>
    public async Task<Wake> WaitForAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            return await semaphore.WaitAsync(interval, ct).ConfigureAwait(false) ? Wake.Notified : Wake.Interval;
        }
        catch (OperationCanceledException)
        {
            return Wake.Stopped;
        }
    }

    public void Dispose() => semaphore.Dispose();
}

/// <summary>What ended a <see cref="WakeSignal.WaitForAsync"/>.</summary>
internal enum Wake
{
    Notified,
    Interval,
    Stopped,
}
