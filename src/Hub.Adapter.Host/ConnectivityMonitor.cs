namespace Hub.Adapter.Host;

/// <summary>Checks the path to the hub at start and then every minute, so a broken link shows in the log at once.</summary>
internal sealed partial class ConnectivityMonitor(IServiceScopeFactory scopes, ILogger<ConnectivityMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var hub = scope.ServiceProvider.GetRequiredService<IHubConnection>();
            try
            {
                var reply = await hub.CheckConnectivityAsync(stoppingToken);
                LogConnected(logger, reply.HubVersion, reply.ContractVersion);
            }
            catch (HubUnreachableException ex)
            {
                LogUnreachable(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub reachable: version {HubVersion}, contract {ContractVersion}")]
    private static partial void LogConnected(ILogger logger, string hubVersion, string contractVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
