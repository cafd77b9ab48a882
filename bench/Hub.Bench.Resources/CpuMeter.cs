using System.Globalization;

namespace Hub.Bench.Resources;

/// <summary>
/// CPU seconds spent between two samples by this process (the hub and the publisher), by the PostgreSQL cluster (the
/// postmaster and its children) and by the RabbitMQ node, read from /proc; and by the whole machine, so that what
/// other processes took in the same window is visible. Pids come from the environment (run.sh reads the pid files).
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux
    private readonly int? _postgres = Pid("PG_POSTMASTER_PID");
    private readonly int? _rabbit = Pid("RABBIT_PID");
    private (double Self, double Postgres, double Rabbit, double Machine, double Idle) _start;
    private (int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated) _gc;

    public void Start()
    {
        _start = Sample();
        _gc = Gc();
    }

    private static (int, int, int, TimeSpan, long) Gc() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    /// <summary>The hub process's garbage collections since <see cref="Start"/>.</summary>
    public string GcReport()
    {
        var (g0, g1, g2, pause, allocated) = Gc();
        return string.Create(CultureInfo.InvariantCulture,
            $"GC in the hub process: {g0 - _gc.Gen0} gen0, {g1 - _gc.Gen1} gen1, {g2 - _gc.Gen2} gen2 collections, {(pause - _gc.Pause).TotalSeconds:F2} s paused, {(allocated - _gc.Allocated) / 1048576.0:N0} MiB allocated.");
    }

    public string Report(TimeSpan elapsed, long events)
    {
        var now = Sample();
        var (self, pg, rabbit, machine, idle) = (now.Self - _start.Self, now.Postgres - _start.Postgres, now.Rabbit - _start.Rabbit,
            now.Machine - _start.Machine, now.Idle - _start.Idle);
        var others = machine - idle - self - pg - rabbit;
        string PerMillion(double seconds) => (seconds / events * 1_000_000).ToString("F1", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU over {elapsed.TotalSeconds:F1} s (2 cores = {2 * elapsed.TotalSeconds:F1} CPU-s): hub process {self:F1} s, PostgreSQL {(_postgres is null ? "n/a" : pg.ToString("F1", CultureInfo.InvariantCulture))} s, "
            + $"RabbitMQ {(_rabbit is null ? "n/a" : rabbit.ToString("F1", CultureInfo.InvariantCulture))} s, other processes {others:F1} s, idle {idle:F1} s. "
            + $"Per million events: hub {PerMillion(self)} CPU-s, PostgreSQL {PerMillion(pg)} CPU-s, RabbitMQ {PerMillion(rabbit)} CPU-s.");
    }

    private static int? Pid(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private (double Self, double Postgres, double Rabbit, double Machine, double Idle) Sample()
    {
        var processes = Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : -1).Where(p => p > 0)
            .Select(Stat).Where(s => s is not null).Select(s => s!.Value).ToList();
        double Of(int? root) => root is null ? 0 : processes.Where(p => p.Pid == root || p.Parent == root).Sum(p => p.Seconds);
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture) / Tick).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        return (Of(Environment.ProcessId), Of(_postgres), Of(_rabbit), cpu.Take(8).Sum(), cpu[3] + cpu[4]);
    }

    private static (int Pid, int Parent, double Seconds)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // after the command: state(0) ppid(1) … utime(11) stime(12)
            return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / Tick);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
