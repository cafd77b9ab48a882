using Hub.Server.Api;
using Hub.Server.Catalog;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Usage;

public sealed record UsageTotals(long Views, long Downloads, long Favourites, long Ratings, double? AverageRating, long Completions, long Seconds, long Events);

/// <summary>One line of a report: its key (resource id, school code, region code, day, or "subject/stage"), a name, and the totals.</summary>
public sealed record UsageLine(string Key, string Name, UsageTotals Totals);

public sealed record UsageReport(string Grouping, DateOnly From, DateOnly To, string? RegionCode, string? SchoolCode, IReadOnlyList<UsageLine> Lines, UsageTotals Total);

public sealed record UsageFilter(string Grouping, DateOnly From, DateOnly To, string? RegionCode, string? SchoolCode, string? ResourceId, int Limit);

/// <summary>
/// The analysis views over the daily aggregates, always inside the caller's jurisdiction (the aggregates' region is
/// the person's): per resource (most used), per school (school comparison), per child region (region comparison), per
/// day, and teaching analysis (per subject and stage: what is used for teaching and learnt to completion).
/// </summary>
public sealed class UsageQueries(HubDbContext db, RegionCatalog regions)
{
    public static readonly string[] Groupings = ["resources", "schools", "regions", "days", "teaching"];

    private sealed record Row(string Key, long Views, long Downloads, long Favourites, long Ratings, long RatingSum, long Completions, long Seconds, long Events);

    public async Task<UsageReport> ReportAsync(Caller caller, UsageFilter f, CancellationToken ct)
    {
        var scope = caller.Scope.Within(f.RegionCode, regions);
        if (caller.SchoolCode is { } own && f.SchoolCode is not null && f.SchoolCode != own)
        {
            scope = RegionScope.Nothing;
        }
        var school = caller.SchoolCode ?? f.SchoolCode;
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = db.Set<UsageDaily>().AsNoTracking().Where(d => d.Day >= f.From && d.Day <= f.To
            && string.Compare(d.RegionCode, lower) >= 0 && string.Compare(d.RegionCode, upper) < 0);
#pragma warning restore CA1309
        rows = school is null ? rows : rows.Where(d => d.SchoolCode == school);
        if (f.ResourceId is not null)
        {
            var id = f.ResourceId.ToUpperInvariant();
            rows = rows.Where(d => db.Set<CatalogResource>().Any(r => r.Id == d.ResourceId && r.ResourceId == id));
        }
        var childLength = Math.Min(6, (scope.Prefix?.Length ?? 0) + 2);
        List<Row> lines;
        if (f.Grouping is "resources" or "teaching")
        {
            // Grouped on the aggregates alone (by the internal id), then named; teaching folds resources into subject and stage.
            var byResource = await rows.GroupBy(d => d.ResourceId).Select(g => new { g.Key, Views = g.Sum(d => d.Views), Downloads = g.Sum(d => d.Downloads),
                    Favourites = g.Sum(d => d.Favourites), Ratings = g.Sum(d => d.Ratings), RatingSum = g.Sum(d => d.RatingSum),
                    Completions = g.Sum(d => d.Completions), Seconds = g.Sum(d => d.Seconds), Events = g.Sum(d => d.Events) })
                .OrderByDescending(g => g.Events).ThenBy(g => g.Key).Take(f.Grouping == "resources" ? f.Limit : 100_000).ToListAsync(ct);
            var ids = byResource.Select(g => g.Key).ToList();
            var meta = await db.Set<CatalogResource>().AsNoTracking().Where(r => ids.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => f.Grouping == "resources" ? r.ResourceId : r.Subject + "/" + r.Stage, ct);
            lines = [.. byResource.GroupBy(g => meta.GetValueOrDefault(g.Key) ?? "").Select(g => new Row(g.Key, g.Sum(x => x.Views), g.Sum(x => x.Downloads),
                    g.Sum(x => x.Favourites), g.Sum(x => x.Ratings), g.Sum(x => x.RatingSum), g.Sum(x => x.Completions), g.Sum(x => x.Seconds), g.Sum(x => x.Events)))
                .OrderByDescending(r => r.Events).ThenBy(r => r.Key, StringComparer.Ordinal).Take(f.Limit)];
        }
        else if (f.Grouping == "days")
        {
            lines = await DaysAsync(rows, f.Limit, ct);
        }
        else
        {
            var keyed = f.Grouping == "schools" ? rows.GroupBy(d => d.SchoolCode) : rows.GroupBy(d => d.RegionCode.Substring(0, childLength));
            var grouped = await keyed.Select(g => new { g.Key, Views = g.Sum(d => d.Views), Downloads = g.Sum(d => d.Downloads),
                    Favourites = g.Sum(d => d.Favourites), Ratings = g.Sum(d => d.Ratings), RatingSum = g.Sum(d => d.RatingSum),
                    Completions = g.Sum(d => d.Completions), Seconds = g.Sum(d => d.Seconds), Events = g.Sum(d => d.Events) })
                .OrderByDescending(g => g.Events).ThenBy(g => g.Key).Take(f.Limit).ToListAsync(ct);
            lines = [.. grouped.Select(g => new Row(g.Key, g.Views, g.Downloads, g.Favourites, g.Ratings, g.RatingSum, g.Completions, g.Seconds, g.Events))];
        }
        var names = await NamesAsync(f.Grouping, lines.Select(l => l.Key).ToList(), ct);
        var total = Totals(new Row("", lines.Sum(l => l.Views), lines.Sum(l => l.Downloads), lines.Sum(l => l.Favourites), lines.Sum(l => l.Ratings),
            lines.Sum(l => l.RatingSum), lines.Sum(l => l.Completions), lines.Sum(l => l.Seconds), lines.Sum(l => l.Events)));
        return new UsageReport(f.Grouping, f.From, f.To, f.RegionCode ?? caller.RegionCode, school,
            [.. lines.Select(l => new UsageLine(Key(f.Grouping, l.Key), names.GetValueOrDefault(l.Key) ?? "", Totals(l)))], total);
    }

    private static async Task<List<Row>> DaysAsync(IQueryable<UsageDaily> rows, int limit, CancellationToken ct)
    {
        var days = await rows.GroupBy(d => d.Day).Select(g => new { g.Key, Views = g.Sum(d => d.Views), Downloads = g.Sum(d => d.Downloads),
                Favourites = g.Sum(d => d.Favourites), Ratings = g.Sum(d => d.Ratings), RatingSum = g.Sum(d => d.RatingSum), Completions = g.Sum(d => d.Completions),
                Seconds = g.Sum(d => d.Seconds), Events = g.Sum(d => d.Events) })
            .OrderBy(d => d.Key).Take(limit).ToListAsync(ct);
        return [.. days.Select(d => new Row(d.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Views, d.Downloads,
            d.Favourites, d.Ratings, d.RatingSum, d.Completions, d.Seconds, d.Events))];
    }

    private static string Key(string grouping, string key) => grouping == "regions" ? key.PadRight(6, '0') : key;

    private async Task<Dictionary<string, string>> NamesAsync(string grouping, List<string> keys, CancellationToken ct) => grouping switch
    {
        "resources" => await db.Set<CatalogResource>().AsNoTracking().Where(r => keys.Contains(r.ResourceId))
            .ToDictionaryAsync(r => r.ResourceId, r => r.Title, StringComparer.Ordinal, ct),
        "schools" => await db.Set<Organization>().AsNoTracking().Where(o => keys.Contains(o.Code))
            .ToDictionaryAsync(o => o.Code, o => o.Name, StringComparer.Ordinal, ct),
        "regions" => keys.ToDictionary(k => k, k => regions.TryGet(k.PadRight(6, '0'), out var r) ? r.Name : "", StringComparer.Ordinal),
        "teaching" => keys.ToDictionary(k => k, k => CatalogCodes.Zh(CatalogCodes.Subjects, k.Split('/')[0]) + " · "
            + CatalogCodes.Zh(CatalogCodes.Stages, k.Split('/')[^1]), StringComparer.Ordinal),
        _ => keys.ToDictionary(k => k, k => k, StringComparer.Ordinal),
    };

    private static UsageTotals Totals(Row r) => new(r.Views, r.Downloads, r.Favourites, r.Ratings,
        r.Ratings == 0 ? null : Math.Round((double)r.RatingSum / r.Ratings, 2), r.Completions, r.Seconds, r.Events);

    /// <summary>The report as a table (CSV export through Web/Tables).</summary>
    public static Web.Tables.Table ToTable(UsageReport report)
    {
        string[] header = ["键 Key", "名称 Name", "浏览 Views", "下载 Downloads", "收藏 Favourites", "评分次数 Ratings", "平均评分 Avg rating",
            "学完 Completions", "学习时长（秒）Seconds", "事件 Events"];
        IReadOnlyList<Web.Tables.TableCell> Line(string key, string name, UsageTotals t) =>
            [key, name, (decimal)t.Views, (decimal)t.Downloads, (decimal)t.Favourites, (decimal)t.Ratings,
             t.AverageRating is { } a ? (decimal)a : Web.Tables.TableCell.Empty, (decimal)t.Completions, (decimal)t.Seconds, (decimal)t.Events];
        return new Web.Tables.Table("usage", [["资源应用情况 Resource usage", report.Grouping, report.RegionCode ?? "全国 National", $"{report.From:yyyy-MM-dd} – {report.To:yyyy-MM-dd}"]],
            header, [.. report.Lines.Select(l => Line(l.Key, l.Name, l.Totals))], [Line("合计", "Total", report.Total)]);
    }
}
