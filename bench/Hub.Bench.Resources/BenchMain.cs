namespace Hub.Bench.Resources;

/// <summary>bench/push/run.sh and bench/usage/run.sh run this with "push" or "usage"; settings come from the environment.</summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the hub's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return await RunAsync(args);
    }

    private static async Task<int> RunAsync(string[] args) => args switch
    {
        ["push", ..] => await PushBench.RunAsync([.. (Environment.GetEnvironmentVariable("AUDIENCES") ?? "10000,1000000,10000000").Split(',')
            .Select(a => long.Parse(a, System.Globalization.CultureInfo.InvariantCulture))], (int)Env("READS", 200), (int)Env("PUSHES", 10),
            [.. (Environment.GetEnvironmentVariable("REACHING") ?? "10,100,1000,10000").Split(',').Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]),
        ["usage", ..] => await UsageBench.RunAsync(new UsageBench.Settings(Env("EVENTS", 1_000_000), (int)Env("BATCH", 5000), (int)Env("PEOPLE", 1_000_000),
            (int)Env("RESOURCES", 1000), (int)Env("CONCURRENCY", Math.Clamp(Environment.ProcessorCount, 2, 16)), Env("WARMUP", 500_000), 
            [.. (Environment.GetEnvironmentVariable("RATES") ?? "50000,10000").Split(',').Select(r => int.Parse(r, System.Globalization.CultureInfo.InvariantCulture))],
            (int)Env("PACED_SECONDS", 20))),
        _ => Usage(),
    };

    private static long Env(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Hub.Bench.Resources push|usage (settings from the environment; see bench/push and bench/usage)");
        return 2;
    }
}
