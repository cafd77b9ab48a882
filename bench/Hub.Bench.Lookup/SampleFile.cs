namespace Hub.Bench.Lookup;

/// <summary>(hub id, document number) pairs of seeded people, one per line, tab-separated: what measure looks up.</summary>
internal static class SampleFile
{
    private const string FileName = "sample.tsv";

    public static string PathIn(string workDirectory) => Path.Combine(workDirectory, FileName);

    public static async Task WriteAsync(string workDirectory, IEnumerable<(string HubId, string Number)> pairs)
    {
        var path = PathIn(workDirectory);
        await File.WriteAllLinesAsync(path, pairs.Select(p => p.HubId + "\t" + p.Number));
        // Synthetic numbers, but valid ones: keep them as private as the keys.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static async Task<(string HubId, string Number)[]> ReadAsync(string workDirectory)
    {
        var path = PathIn(workDirectory);
        if (!File.Exists(path))
        {
            throw new BenchFailedException($"{path} not found: run seed first");
        }
        var lines = await File.ReadAllLinesAsync(path);
        return [.. lines.Where(l => l.Length > 0).Select(l => l.Split('\t') is [var hubId, var number]
            ? (hubId, number)
            : throw new BenchFailedException($"{path}: malformed line"))];
    }
}
