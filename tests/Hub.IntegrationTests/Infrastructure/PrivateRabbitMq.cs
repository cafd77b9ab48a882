using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Hub.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ node of one test's own, for faults that must not touch the shared test node other classes use in
/// parallel: Debian's rabbitmq-server (the directory hub.sh exports as HUB_TEST_RABBITMQ_BIN) with its own node name,
/// ports, epmd port, data, logs and HOME (hence its own Erlang cookie) under a temporary directory, on 127.0.0.1 only,
/// management plugin on (the hub manages platform users through it). <see cref="KillAsync"/> ends the Erlang VM with
/// SIGKILL, as a crash would; <see cref="BootAsync"/> boots it again on the same data and ports.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    public const string Username = "hub";

    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hub-rabbitmq-");
    private readonly string _node = $"hub-fault-{Guid.NewGuid().ToString("N")[..8]}@localhost";
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private Process? _server;

    private PrivateRabbitMq()
    {
        // Four distinct free ports: AMQP, management, Erlang distribution and epmd.
        var listeners = Enumerable.Range(0, 4).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        (AmqpPort, ManagementPort, _distributionPort, _epmdPort) = (ports[0], ports[1], ports[2], ports[3]);
    }

    public const string Host = "127.0.0.1";
    public int AmqpPort { get; }
    public int ManagementPort { get; }
    public string Password { get; } = Guid.NewGuid().ToString("N");

    private static string Bin => Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_BIN") is { Length: > 0 } bin ? bin
        : throw new InvalidOperationException("HUB_TEST_RABBITMQ_BIN is not set. Run the tests with `./hub.sh test`, or `eval \"$(./hub.sh test-env)\"` first.");

    /// <summary>Writes the node's configuration and boots it.</summary>
    public static async Task<PrivateRabbitMq> StartAsync(CancellationToken ct = default)
    {
        var node = new PrivateRabbitMq();
        try
        {
            node.WriteConfiguration();
            await node.BootAsync(ct);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Boots the node (again) and waits until AMQP and the management API answer.</summary>
    public async Task BootAsync(CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(Path.Combine(Bin, "rabbitmq-server"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in NodeEnvironment())
        {
            start.Environment[key] = value;
        }
        File.Delete(PidFile);
        _server = Process.Start(start)!;
        // Drained so that a chatty boot never blocks on a full pipe.
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(BootTimeout);
        using var management = ManagementClient();
        while (true)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ node {_node} exited during boot: {LogTail()}");
            }
            if (await AcceptsAsync(AmqpPort) && await AnswersAsync(management, deadline.Token))
            {
                return;
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"RabbitMQ node {_node} did not boot within {BootTimeout}: {LogTail()}");
            }
        }
    }

    /// <summary>Ends the node's Erlang VM with SIGKILL (no orderly shutdown, connections reset) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (File.Exists(PidFile) && int.TryParse((await File.ReadAllTextAsync(PidFile)).Trim(), out var pid))
        {
            try
            {
                using var vm = Process.GetProcessById(pid);
                vm.Kill();
                await vm.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        if (_server is not null)
        {
            // The start script waits for the VM and exits with it.
            await _server.WaitForExitAsync();
            _server.Dispose();
            _server = null;
        }
    }

    /// <summary>A management API client with the node's administrator.</summary>
    public HttpClient ManagementClient()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://{Host}:{ManagementPort}/api/"), Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        // The node's own epmd refuses to stop while it still lists the node, which it drops shortly after the VM died.
        for (var attempt = 0; attempt < 20 && !await StopEpmdAsync(); attempt++)
        {
            await Task.Delay(200);
        }
        _root.Delete(recursive: true);
    }

    private string PidFile => Path.Combine(_root.FullName, "rabbitmq.pid");

    private IEnumerable<(string Key, string Value)> NodeEnvironment() =>
    [
        ("HOME", Path.Combine(_root.FullName, "home")),
        ("RABBITMQ_CONF_ENV_FILE", Path.Combine(_root.FullName, "rabbitmq-env.conf")),
        ("RABBITMQ_NODENAME", _node),
        ("RABBITMQ_NODE_IP_ADDRESS", Host),
        ("RABBITMQ_NODE_PORT", AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RABBITMQ_DIST_PORT", _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RABBITMQ_MNESIA_BASE", Path.Combine(_root.FullName, "mnesia")),
        ("RABBITMQ_LOG_BASE", Path.Combine(_root.FullName, "log")),
        ("RABBITMQ_PID_FILE", PidFile),
        ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(_root.FullName, "enabled_plugins")),
        ("RABBITMQ_CONFIG_FILE", Path.Combine(_root.FullName, "rabbitmq.conf")),
        ("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(_root.FullName, "advanced.config")),
        ("ERL_EPMD_ADDRESS", Host),
        ("ERL_EPMD_PORT", _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        // The distribution listener must not listen on 0.0.0.0.
        ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
    ];

    private void WriteConfiguration()
    {
        foreach (var directory in (string[])["home", "mnesia", "log"])
        {
            _root.CreateSubdirectory(directory);
        }
        File.WriteAllText(Path.Combine(_root.FullName, "rabbitmq-env.conf"), "");
        File.WriteAllText(Path.Combine(_root.FullName, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(_root.FullName, "advanced.config"), "[].\n");
        File.WriteAllText(Path.Combine(_root.FullName, "rabbitmq.conf"), $"""
            listeners.tcp.default = {Host}:{AmqpPort}
            management.tcp.ip = {Host}
            management.tcp.port = {ManagementPort}
            default_user = {Username}
            default_pass = {Password}
            default_user_tags.administrator = true
            default_permissions.configure = .*
            default_permissions.read = .*
            default_permissions.write = .*
            disk_free_limit.absolute = 512MB
            log.file.level = warning
            log.console = false

            """);
    }

    private async Task<bool> StopEpmdAsync()
    {
        var start = new ProcessStartInfo("epmd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-port", _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-kill"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ERL_EPMD_ADDRESS"] = Host;
        using var epmd = Process.Start(start)!;
        var output = await epmd.StandardOutput.ReadToEndAsync() + await epmd.StandardError.ReadToEndAsync();
        await epmd.WaitForExitAsync();
        // "Killed", or nothing listens there any more.
        return output.Contains("Killed", StringComparison.Ordinal) || output.Contains("cannot connect", StringComparison.OrdinalIgnoreCase)
            || !await AcceptsAsync(_epmdPort);
    }

    private string LogTail()
    {
        var log = Directory.Exists(Path.Combine(_root.FullName, "log"))
            ? Directory.GetFiles(Path.Combine(_root.FullName, "log"), "*.log").Select(File.ReadAllText).LastOrDefault() : null;
        return log is null ? "(no log)" : log[Math.Max(0, log.Length - 3000)..];
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient management, CancellationToken ct)
    {
        try
        {
            using var response = await management.GetAsync(new Uri("overview", UriKind.Relative), ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
