using System.Diagnostics;
using System.Globalization;

namespace Hub.Bench.Lookup;

/// <summary>
/// Runs lookup functions many times, timing every call on its own (Stopwatch ticks kept in full, so percentiles are
/// exact rather than bucketed).
/// </summary>
internal static class LatencyRun
{
    /// <summary>
    /// One worker, the paths taking turns lookup by lookup: on a machine shared with bursty neighbours every path
    /// then meets the same disturbances, so their latencies compare fairly. Throughput is 1 / mean latency.
    /// </summary>
    public static async Task<List<LatencyStats>> MeasureInterleavedAsync(
        IReadOnlyList<(string Name, Func<int, Task> Lookup)> paths, int warmup, int count)
    {
        for (var i = 0; i < warmup; i++)
        {
            foreach (var (_, lookup) in paths)
            {
                await lookup(count + i);
            }
        }
        var ticks = paths.Select(_ => new long[count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < paths.Count; k++)
            {
                var start = Stopwatch.GetTimestamp();
                await paths[k].Lookup(i);
                ticks[k][i] = Stopwatch.GetTimestamp() - start;
            }
        }
        return [.. paths.Select((p, k) => LatencyStats.From(p.Name, 1, ticks[k],
            TimeSpan.FromSeconds(ticks[k].Sum() / (double)Stopwatch.Frequency)))];
    }

    /// <summary>W workers pulling from one counter; throughput is lookups / wall time.</summary>
    public static async Task<LatencyStats> MeasureAsync(string name, int workers, int warmup, int count, Func<int, Task> lookup)
    {
        // Warm-up with the same concurrency: JIT, the DbContext and connection pools and the query cache fill up.
        await RunAsync(workers, warmup, i => lookup(count + i), null);
        var ticks = new long[count];
        var wall = Stopwatch.StartNew();
        await RunAsync(workers, count, lookup, ticks);
        wall.Stop();
        return LatencyStats.From(name, workers, ticks, wall.Elapsed);
    }

    private static Task RunAsync(int workers, int count, Func<int, Task> lookup, long[]? ticks)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await lookup(i);
                if (ticks is not null)
                {
                    ticks[i] = Stopwatch.GetTimestamp() - start;
                }
            }
        })));
    }
}

internal sealed record LatencyStats(
    string Name, int Workers, int Count, double P50, double P90, double P99, double P999, double Max, double Mean, double PerSecond)
{
    public const string TableHeader = """
        | path | workers | lookups | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | lookups/s |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        """;

    public static LatencyStats From(string name, int workers, long[] ticks, TimeSpan wall)
    {
        var ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        // Nearest rank: the smallest value with at least p of the samples at or below it.
        double At(double p) => ms[Math.Max(0, (int)Math.Ceiling(p * ms.Length) - 1)];
        return new LatencyStats(name, workers, ms.Length, At(0.50), At(0.90), At(0.99), At(0.999), ms[^1], ms.Average(),
            ms.Length / wall.TotalSeconds);
    }

    public string TableRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Workers} | {Count:N0} | {P50:F3} | {P90:F3} | {P99:F3} | {P999:F3} | {Max:F3} | {Mean:F3} | {PerSecond:N0} |");
}
