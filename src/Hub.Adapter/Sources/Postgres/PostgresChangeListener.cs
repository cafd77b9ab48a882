using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Adapter.Sources.Postgres;

/// <summary>
/// Holds one connection to the platform database that LISTENs on <see cref="Channel"/>, where the layout's statement
/// triggers announce every committed change of the schema (payload: the schema name), and wakes the pump on each. Without
/// it a change waits for the pump's next poll. It reconnects after a failure, and wakes the pump every time it starts
/// listening, for whatever committed while it was not.
/// </summary>
internal sealed partial class PostgresChangeListener(
    IOptions<PostgresSourceOptions> options,
    ISourceChangeSignal signal,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    /// <summary>The channel of platform-database.sql's notify_change trigger.</summary>
    public const string Channel = "hub_adapter_changes";

    // A silent network loss never ends WaitAsync; a query at this interval finds it.
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schema = options.Value.Schema;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == schema)
                    {
                        signal.Changed();
                    }
                };
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                if (failing)
                {
                    LogListening(logger);
                    failing = false;
                }
                signal.Changed();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Probe, stoppingToken).ConfigureAwait(false))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The platform database is down or restarting: the pump polls meanwhile.
                if (!failing)
                {
                    LogFailed(logger, e.GetType().Name, e.Message);
                    failing = true;
                }
                try
                {
                    await Task.Delay(Retry, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for platform database changes ({Error}: {Reason}); the pump polls until the connection is back")]
    private static partial void LogFailed(ILogger logger, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for platform database changes again")]
    private static partial void LogListening(ILogger logger);
}
