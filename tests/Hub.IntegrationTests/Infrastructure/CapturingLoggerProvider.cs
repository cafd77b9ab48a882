using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps every log message (category, level, text, exception) and scope for tests that inspect what was logged; with a
/// clock, each line starts with its local time (for logs read next to other processes' logs).
/// </summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> messages, TimeProvider? clock = null) : ILoggerProvider
{
    /// <summary>Categories to raise to Trace, overriding appsettings.</summary>
    public static IEnumerable<(string Key, string Value)> TraceEverything { get; } =
        new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "MassTransit", "OpenIddict", "Npgsql", "System.Net.Http" }
            .Select(category => ($"Logging:LogLevel:{category}", "Trace")).ToList();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, messages, clock);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> messages, TimeProvider? clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            messages.Enqueue(category + " scope " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{Time()}{category} {logLevel} {formatter(state, exception)} {exception}");

        private string Time() => clock is null ? "" : clock.GetLocalNow().ToString("HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture);
    }
}
