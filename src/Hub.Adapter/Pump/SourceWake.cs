using Hub.Adapter.Sources;

namespace Hub.Adapter.Pump;

/// <summary>The pump's wake-up: the source said it changed.</summary>
internal sealed class SourceWake : ISourceChangeSignal, IDisposable
{
    private readonly WakeSignal signal = new();

    public void Changed() => signal.Notify();

    /// <summary>Waits for a change or <paramref name="interval"/>; false when <paramref name="ct"/> ended the wait.</summary>
    public Task<bool> WaitAsync(TimeSpan interval, CancellationToken ct) => signal.WaitAsync(interval, ct);

    public void Dispose() => signal.Dispose();
}
