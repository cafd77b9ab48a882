using Hub.Adapter.Sources;
using Hub.Adapter.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Adapter.Health;

/// <summary>Ready when the adapter's store answers and holds its tables.</summary>
internal sealed class StoreHealthCheck(AdapterStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await store.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{await store.CountPendingAsync(cancellationToken).ConfigureAwait(false)} messages pending");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Store unreachable: " + e.GetType().Name);
        }
    }
}

/// <summary>Ready when the platform source can be read.</summary>
internal sealed class SourceHealthCheck(IPlatformSource source) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await source.CheckAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Source unreachable: " + e.GetType().Name);
        }
    }
}
