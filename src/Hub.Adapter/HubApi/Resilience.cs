using Hub.Adapter.Follow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Hub.Adapter.HubApi;

/// <summary>
/// The pipeline of the adapter's HTTP calls to the hub: a total timeout, retries of transient failures with
/// exponential backoff and jitter, a circuit breaker that stops hammering a hub that is down, a timeout per attempt.
/// </summary>
internal static class Resilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FollowOptions>>().Value;
        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = options.MaxRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.AttemptTimeout.TotalSeconds * 2)),
                BreakDuration = TimeSpan.FromSeconds(15),
                MinimumThroughput = 5,
                FailureRatio = 0.5,
            })
            .AddTimeout(options.AttemptTimeout);
    }
}
