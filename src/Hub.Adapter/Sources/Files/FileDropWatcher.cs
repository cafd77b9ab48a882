using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Sources.Files;

/// <summary>Scans the drop directory and applies new files, oldest first.</summary>
internal sealed partial class FileDropWatcher(
    FileDropSource source,
    ISourceChangeSignal signal,
    IOptions<FileDropOptions> options,
    ILogger<FileDropWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                foreach (var outcome in await source.Importer.ImportPendingAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (outcome.Failure is null)
                    {
                        LogImported(logger, outcome.File, outcome.Records, outcome.AlreadyApplied);
                        signal.Changed();
                    }
                    else
                    {
                        LogRejected(logger, outcome.File, outcome.Failure);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store database is down: files stay where they are and are tried again.
                LogFailed(logger, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped file {File} applied: {Records} records (already applied before: {AlreadyApplied})")]
    private static partial void LogImported(ILogger logger, string file, long records, bool alreadyApplied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped file {File} moved to failed/: {Reason}")]
    private static partial void LogRejected(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop directory scan failed ({Error}: {Reason}); retrying")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}
