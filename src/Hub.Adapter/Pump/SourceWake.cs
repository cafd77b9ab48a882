using Hub.Adapter.Sources;

namespace Hub.Adapter.Pump;

/// <summary>The pump's wake-up: the source said it changed.</summary>
internal sealed class SourceWake : ISourceChangeSignal, IDisposable
{
    private readonly WakeSignal signal = new();

    public void Changed() => signal.Notify();

    /// <summary>Waits for a change or <paramref name="interval"/> and says which ended the wait.</summary>
    public Task<Wake> WaitAsync(TimeSpan interval, CancellationToken ct) => signal.WaitForAsync(interval, ct);

    public void Dispose() => signal.Dispose();
}
