using System.Globalization;

namespace Hub.Server.Platforms.Conformance;

/// <summary>
/// `Hub.Server conformance URL [--reconcile-timeout SECONDS]` (`./hub.sh conformance URL`): runs the conformance kit
/// against a platform adapter's base URL and prints the report; exit code 0 when nothing failed, 1 otherwise.
/// </summary>
internal static class ConformanceCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args is not ["conformance", var url, ..] || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync("usage: Hub.Server conformance http(s)://ADAPTER-BASE-URL [--reconcile-timeout SECONDS]");
            return 2;
        }
        var timeout = Array.IndexOf(args, "--reconcile-timeout") is var i and >= 0 && i + 1 < args.Length
            && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 3600 ? s : 60;
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ConformanceKit>().RunAsync(target, TimeSpan.FromSeconds(timeout), default);
        await WriteAsync(report, output);
        return report.Passed ? 0 : 1;
    }

    public static async Task WriteAsync(ConformanceReport report, TextWriter output)
    {
        await output.WriteLineAsync($"平台接入一致性检查 / Platform conformance: {report.Target}");
        await output.WriteLineAsync(report.PlatformId is null ? "平台 / platform: unknown"
            : $"平台 / platform: {report.PlatformId} {report.PlatformName} ({report.RegionCode})");
        foreach (var r in report.Results)
        {
            var mark = r.Verdict switch { Verdict.Pass => "✓ 通过 PASS", Verdict.Warn => "! 警告 WARN", _ => "✗ 未通过 FAIL" };
            await output.WriteLineAsync($"  {mark}  {r.Id}  {r.TitleZh} / {r.TitleEn}: {r.Detail}");
        }
        int Count(Verdict v) => report.Results.Count(r => r.Verdict == v);
        await output.WriteLineAsync($"结果 / result: {Count(Verdict.Pass)} 通过 passed, {Count(Verdict.Warn)} 警告 warnings, {Count(Verdict.Fail)} 未通过 failed" +
            (report.Results.Count < 10 && !report.Passed ? " (later checks not run)" : ""));
    }
}
