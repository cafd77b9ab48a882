using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Hub.Testing;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// The solution's programs as they are built (tests run after the build), for tests that need a real process: one that
/// can be killed with SIGKILL, whose connections die with it, as in a crash.
/// </summary>
public static partial class BuildOutput
{
    /// <summary>The dll of <paramref name="project"/> under src/, built in this test assembly's configuration and framework.</summary>
    public static string Program(string project)
    {
        // This assembly runs from tests/Hub.IntegrationTests/bin/{configuration}/{framework}/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!;
        var path = RepositoryRoot.File("src", project, "bin", configuration.Name, framework.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build Hub.sln).", path);
    }

    /// <summary>Runs <paramref name="dll"/> with arguments and waits for it; its output when it fails.</summary>
    public static async Task RunAsync(string dll, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = DotnetStart(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    internal static ProcessStartInfo DotnetStart(string dll)
    {
        // The dotnet host that runs the tests (set by the dotnet CLI for its children), else the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        return start;
    }
}

/// <summary>
/// Hub.Server from the build output as a child process on loopback, configured by environment variables the way a
/// deployment configures it. <see cref="KillAsync"/> sends SIGKILL: no shutdown code runs, open transactions and unacknowledged
/// deliveries are abandoned mid-flight.
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(Process process) => _process = process;

    /// <summary>Where it serves HTTP (a free port chosen by Kestrel).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The last lines it wrote (standard output and error together).</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Starts the hub with <paramref name="settings"/> (configuration keys) and waits until /health/ready answers 200.</summary>
    public static async Task<HubProcess> StartAsync(IEnumerable<(string Key, string Value)> settings, TimeSpan timeout)
    {
        var start = BuildOutput.DotnetStart(BuildOutput.Program("Hub.Server"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var hub = new HubProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        hub._process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.Exited += (_, _) => hub._listening.TrySetException(new InvalidOperationException("Hub.Server exited during start-up:\n" + hub.Tail()));
        hub._process.Start();
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            hub.Address = await hub._listening.Task.WaitAsync(deadline.Token);
            using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                try
                {
                    using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                    if (ready.IsSuccessStatusCode)
                    {
                        return hub;
                    }
                }
                catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !deadline.IsCancellationRequested)
                {
                    // Not listening yet, or slow to answer on a loaded machine: ask again.
                }
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (Exception e)
        {
            await hub.DisposeAsync();
            throw new InvalidOperationException("Hub.Server did not become ready:\n" + hub.Tail(), e);
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>The last <paramref name="lines"/> lines of its log.</summary>
    public string Tail(int lines = 80) => string.Join('\n', _log.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(DateTime.Now.ToString("HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture) + line);
        while (_log.Count > 2000 && _log.TryDequeue(out _))
        {
        }
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
