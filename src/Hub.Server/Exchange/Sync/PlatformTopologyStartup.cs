using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// At start, makes sure every approved or connected platform has its exchange names (platforms approved before the
/// topology existed, or a broker rebuilt from scratch). Declarations are idempotent; a broker out of reach is retried.
/// </summary>
public sealed partial class PlatformTopologyStartup(IServiceScopeFactory scopes, ILogger<PlatformTopologyStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(2); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(2).Ticks)))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                var broker = scope.ServiceProvider.GetRequiredService<RabbitMqManagement>();
                var platforms = await db.Set<PlatformAccess>().AsNoTracking()
                    .Where(a => a.Status == PlatformAccessStatus.Approved || a.Status == PlatformAccessStatus.Connected || a.Status == PlatformAccessStatus.Suspended)
                    .Select(a => a.PublicId).ToListAsync(stoppingToken);
                foreach (var platform in platforms)
                {
                    await broker.EnsurePlatformTopologyAsync(platform, stoppingToken);
                }
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, delay, e);
            }
            await Task.Delay(delay, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform exchange names not ensured yet; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, TimeSpan delay, Exception exception);
}
