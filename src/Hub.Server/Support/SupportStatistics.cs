using Hub.Server.Persistence;
using Hub.Server.Regions;
using Hub.Server.Web.Tables;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>One group of the aggregate query: a school region and a kind.</summary>
public sealed record SupportStatRow(string RegionCode, short Kind, int Filed, int Responded, double ResponseSeconds, int Resolved,
    double ResolutionSeconds, int Breached, int Measured, int Rated, int RatingSum);

/// <summary>One line of the statistics: a region (or the total) over the period.</summary>
public sealed record SupportStatisticsLine(string RegionCode, string RegionName, int Filed, IReadOnlyDictionary<string, int> ByKind, int Resolved,
    double? AverageResponseMinutes, double? AverageResolutionHours, int Breached, double? ServiceLevelCompliance, double? Satisfaction, int Rated);

public sealed record SupportStatisticsView(string? RegionCode, DateOnly From, DateOnly To, IReadOnlyList<SupportStatisticsLine> Regions, SupportStatisticsLine Total);

/// <summary>
/// Statistics per region and period (China-time dates, both inclusive), aggregated in PostgreSQL (column aliases in snake case, as the naming convention maps them) over the range of the
/// region's codes and broken down by the regions one level below it. Compliance counts the requests whose outcome
/// is known (resolved or closed, or flagged as breached): the share of them without a breach.
/// </summary>
public sealed class SupportStatistics(HubDbContext db, RegionCatalog regions)
{
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), SupportTeam.ChinaOffset).ToUniversalTime();

    public async Task<SupportStatisticsView> ComputeAsync(RegionScope scope, string? regionCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (StartOf(from), StartOf(to.AddDays(1)));
        var (lower, upper) = (scope.Lower, scope.Upper);
        var rows = await db.Database.SqlQuery<SupportStatRow>($"""
            SELECT school_region_code AS region_code, kind AS kind, count(*)::int AS filed, count(responded_at)::int AS responded,
                   coalesce(sum(extract(epoch FROM responded_at - created_at)), 0)::float8 AS response_seconds,
                   count(*) FILTER (WHERE status IN (4, 5))::int AS resolved,
                   coalesce(sum(extract(epoch FROM resolved_at - created_at)) FILTER (WHERE status IN (4, 5)), 0)::float8 AS resolution_seconds,
                   count(*) FILTER (WHERE response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)::int AS breached,
                   count(*) FILTER (WHERE status IN (4, 5) OR response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL)::int AS measured,
                   count(rating)::int AS rated, coalesce(sum(rating), 0)::int AS rating_sum
            FROM support_requests
            WHERE school_region_code >= {lower} AND school_region_code < {upper} AND created_at >= {start} AND created_at < {end}
            GROUP BY school_region_code, kind
            """).ToListAsync(ct);
        var lines = rows.GroupBy(r => Group(r.RegionCode, regionCode)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Line(g.Key, g)).ToList();
        return new SupportStatisticsView(regionCode, from, to, lines, Line("", rows, "合计 Total"));
    }

    /// <summary>The region one level below <paramref name="parent"/> that holds <paramref name="schoolRegion"/> (national: its province).</summary>
    private string Group(string schoolRegion, string? parent)
    {
        if (schoolRegion == parent)
        {
            return schoolRegion;
        }
        var chain = new[] { schoolRegion }.Concat(regions.Ancestors(schoolRegion).Select(r => r.Code)).ToList();
        var index = parent is null ? chain.Count : chain.IndexOf(parent);
        return index > 0 ? chain[index - 1] : schoolRegion;
    }

    private SupportStatisticsLine Line(string region, IEnumerable<SupportStatRow> group, string? name = null)
    {
        var rows = group.ToList();
        int Sum(Func<SupportStatRow, int> f) => rows.Sum(f);
        var byKind = Enum.GetValues<SupportKind>().ToDictionary(SupportCodes.Wire, k => rows.Where(r => r.Kind == (short)k).Sum(r => r.Filed));
        var (responded, resolved, measured, rated) = (Sum(r => r.Responded), Sum(r => r.Resolved), Sum(r => r.Measured), Sum(r => r.Rated));
        return new SupportStatisticsLine(region, name ?? (regions.TryGet(region, out var r) ? r.Name : region), Sum(r => r.Filed), byKind, resolved,
            responded == 0 ? null : Math.Round(rows.Sum(r => r.ResponseSeconds) / responded / 60, 1),
            resolved == 0 ? null : Math.Round(rows.Sum(r => r.ResolutionSeconds) / resolved / 3600, 1),
            Sum(r => r.Breached),
            measured == 0 ? null : Math.Round(100.0 * (measured - Sum(r => r.Breached)) / measured, 1),
            rated == 0 ? null : Math.Round((double)Sum(r => r.RatingSum) / rated, 2), rated);
    }

    /// <summary>The statistics as a table for CSV export (same columns as the console page).</summary>
    public static Table ToTable(SupportStatisticsView view)
    {
        var kinds = Enum.GetValues<SupportKind>();
        string[] header = ["地区代码 Region code", "地区 Region", "请求数 Requests", .. kinds.Select(k => SupportCodes.Label(k) + " " + SupportCodes.Wire(k)),
            "已解决 Resolved", "平均响应（分钟）Avg response (min)", "平均解决（小时）Avg resolution (h)", "超时 Breached",
            "时限达标率（%）SLA compliance (%)", "满意度 Satisfaction (1-5)", "评价数 Ratings"];
        IReadOnlyList<TableCell> Row(SupportStatisticsLine l) =>
        [
            l.RegionCode, l.RegionName, l.Filed, .. kinds.Select(k => (TableCell)l.ByKind[SupportCodes.Wire(k)]), l.Resolved,
            Number(l.AverageResponseMinutes), Number(l.AverageResolutionHours), l.Breached, Number(l.ServiceLevelCompliance), Number(l.Satisfaction), l.Rated,
        ];
        return new Table("support", [["技术支持统计 Technical support statistics", $"{view.RegionCode ?? "全国 National"}", $"{view.From:yyyy-MM-dd} – {view.To:yyyy-MM-dd}"]],
            header, [.. view.Regions.Select(Row)], [Row(view.Total)]);
    }

    private static TableCell Number(double? value) => value is { } v ? (decimal)v : TableCell.Empty;
}
