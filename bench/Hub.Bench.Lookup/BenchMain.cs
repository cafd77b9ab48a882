namespace Hub.Bench.Lookup;

/// <summary>
/// Person lookup by identity document number at scale. `seed` fills a migrated hub database with N people the way
/// the registry stores them (plus a clear-text peer table); `measure` times the hub's real lookup path against it.
/// bench/lookup/run.sh runs both against the project's test PostgreSQL.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not [("seed" or "measure") and var command, .. var rest] || BenchArguments.Parse(rest) is not { } arguments)
        {
            await Console.Error.WriteLineAsync(BenchArguments.Usage);
            return 2;
        }
        var keys = BenchKeys.LoadOrCreate(arguments.WorkDirectory);
        await using var hub = HubServices.Build(arguments.ConnectionString, keys);
        try
        {
            return command == "seed"
                ? await Seeder.RunAsync(hub, arguments)
                : await Measurer.RunAsync(hub, arguments);
        }
        catch (BenchFailedException ex)
        {
            await Console.Error.WriteLineAsync("FAILED: " + ex.Message);
            return 1;
        }
    }
}

/// <summary>A benchmark that measured something other than what it claims (a lookup found the wrong person, …).</summary>
internal sealed class BenchFailedException(string message) : Exception(message);
