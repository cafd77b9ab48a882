using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Hub.Server.Oidc;

/// <summary>
/// Removes tokens and authorizations that can no longer be used (expired, redeemed, revoked) once they are older than
/// <see cref="OidcOptions.PruneAfter"/>: authorization codes, refresh tokens and the federation client's state tokens
/// are rows, and without pruning the table grows with every sign-in. Valid tokens are never touched. Several replicas
/// may prune at once; each deletes what is still there.
/// </summary>
internal sealed partial class TokenPruning(IServiceScopeFactory scopes, IOptions<OidcOptions> options, TimeProvider clock,
    ILogger<TokenPruning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PruneInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (tokens, authorizations) = await PruneOnceAsync(stoppingToken);
                LogPruned(logger, tokens, authorizations);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick tries again.
                LogFailed(logger, e);
            }
        }
    }

    public async Task<(long Tokens, long Authorizations)> PruneOnceAsync(CancellationToken ct)
    {
        var threshold = clock.GetUtcNow() - options.Value.PruneAfter;
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        return (tokens, authorizations);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Tokens} tokens and {Authorizations} authorizations")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning tokens failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
