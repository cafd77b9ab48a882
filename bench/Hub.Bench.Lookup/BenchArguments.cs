using System.Globalization;

namespace Hub.Bench.Lookup;

internal sealed record BenchArguments(
    string ConnectionString, string WorkDirectory, int Count, int Sample, int Lookups, int Workers, int Warmup, int RandomSeed)
{
    public const string Usage = """
        usage: Hub.Bench.Lookup seed|measure [options]
          --connection CS   PostgreSQL connection string of the bench database (default: $HUB_BENCH_CONNECTION)
          --work DIR        keys and the sample of seeded numbers live here (default: ./artifacts); never commit it
          --count N         seed: people to create (default 1000000)
          --sample S        seed: (hub id, number) pairs written for measure (default 20000)
          --lookups M       measure: timed lookups per phase (default 20000)
          --workers W       measure: concurrent workers in the concurrent phases (default 8)
          --warmup K        measure: untimed lookups before each phase (default 2000)
          --seed R          random seed of the generated people and of the lookup order (default 2026)
        """;

    public static BenchArguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }
            values[args[i][2..]] = args[i + 1];
        }
        var connection = values.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("HUB_BENCH_CONNECTION");
        if (string.IsNullOrWhiteSpace(connection))
        {
            return null;
        }
        int Int(string name, int fallback) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchArguments(
            connection,
            Path.GetFullPath(values.GetValueOrDefault("work") ?? "artifacts"),
            Int("count", 1_000_000),
            Int("sample", 20_000),
            Int("lookups", 20_000),
            Int("workers", 8),
            Int("warmup", 2_000),
            Int("seed", 2026));
    }
}
