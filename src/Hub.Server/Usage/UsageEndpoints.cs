using System.Globalization;
using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Space;
using Hub.Server.Web.Tables;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Usage;

/// <summary>/api/v1/usage/{grouping} (jurisdiction-scoped analysis, JSON or CSV) and /api/v1/space/usage (a person's own history).</summary>
public static class UsageEndpoints
{
    public static void MapUsageEndpoints(this WebApplication app)
    {
        app.MapGet("/api/v1/usage/{grouping}", ReportAsync).RequireAuthorization(HubScopes.UsageRead).WithTags("Usage 资源应用")
            .WithName("UsageReport")
            .WithSummary("资源应用统计：resources（资源排行）、schools（学校对比）、regions（区域对比）、days（按日）、teaching（教学分析：学科学段）；format=csv 导出 / Usage analysis");
        app.MapGet("/api/v1/space/usage", HistoryAsync).RequireAuthorization(HubScopes.Space).WithTags("Space 个人空间")
            .WithName("GetMyUsage").WithSummary("我的资源使用记录 / Your own resource usage");
    }

    private static async Task<Results<Ok<UsageReport>, FileContentHttpResult, ProblemHttpResult>> ReportAsync(string grouping, ClaimsPrincipal user,
        UsageQueries queries, RegionCatalog regions, TimeProvider clock, CancellationToken ct, string? from = null, string? to = null, string? regionCode = null,
        string? schoolCode = null, string? resourceId = null, string format = "json", int limit = 100)
    {
        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var (start, end) = (Date(from) ?? today.AddDays(-29), Date(to) ?? today);
        if ((from is not null && Date(from) is null) || (to is not null && Date(to) is null) || start > end || end.DayNumber - start.DayNumber > 365)
        {
            errors.Add(new FieldError(from is not null && Date(from) is null ? "from" : "to", UsageErrors.PeriodInvalid));
        }
        foreach (var (field, bad) in new[] { ("grouping", !UsageQueries.Groupings.Contains(grouping)), ("format", format is not ("json" or "csv")),
            ("limit", limit is < 1 or > 1000), ("regionCode", regionCode is not null && !regions.Exists(regionCode)),
            ("schoolCode", schoolCode is not null && (schoolCode.Length > 32 || schoolCode.Any(char.IsControl))),
            ("resourceId", resourceId is not null && resourceId.Length != 17) })
        {
            if (bad)
            {
                errors.Add(new FieldError(field, UsageErrors.FilterInvalid));
            }
        }
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var caller = Caller.From(user);
        var report = await queries.ReportAsync(caller, new UsageFilter(grouping, start, end, regionCode, schoolCode, resourceId, limit), ct);
        return format == "csv"
            ? TypedResults.File(CsvWriter.Write(UsageQueries.ToTable(report)), CsvWriter.ContentType,
                $"usage-{grouping}-{report.RegionCode ?? "national"}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv")
            : TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<List<UsageHistoryItem>>, ProblemHttpResult>> HistoryAsync(ClaimsPrincipal user, SpacePeople people,
        UsageHistory history, CancellationToken ct, int limit = 100)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return limit is < 1 or > 1000 ? HubProblems.Validation(new FieldError("limit", UsageErrors.FilterInvalid))
            : TypedResults.Ok(await history.ForAsync(me.Id, limit, ct));
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
