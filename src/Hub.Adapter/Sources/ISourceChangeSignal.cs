namespace Hub.Adapter.Sources;

/// <summary>
/// Tells the adapter that its source has committed changes, so they leave for the hub now instead of at the pump's
/// next poll (<see cref="Pump.PumpOptions.PollInterval"/>). The PostgreSQL source calls it on the platform database's
/// notifications; a platform with its own <see cref="IPlatformSource"/> may call it after each commit. Calls while the
/// pump is busy collapse into one round, and a missed call only costs the poll interval.
/// </summary>
public interface ISourceChangeSignal
{
    /// <summary>Changes were committed at the source.</summary>
    void Changed();
}
