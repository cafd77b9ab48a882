using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Regions;

public sealed record RegionView(string Code, string Name, string Level, string? ParentCode, DateOnly? ValidFrom, DateOnly? ValidTo, bool Current);

public sealed record RegionDetail(RegionView Region, IReadOnlyList<RegionView> Ancestors, IReadOnlyList<RegionView> Children);

/// <summary>/api/v1/regions: the GB/T 2260 codes the hub accepts. Public reference data, so no token is needed.</summary>
public static class RegionEndpoints
{
    public static void MapRegionEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/regions").WithTags("Regions 行政区划").AllowAnonymous();
        group.MapGet("/", (RegionCatalog regions, bool includeRetired = false) =>
                TypedResults.Ok(regions.All.Where(r => r.ParentCode is null && (includeRetired || r.IsCurrent)).Select(View).ToList()))
            .WithName("ListProvinces").WithSummary("省级行政区划 / Provinces");
        group.MapGet("/{code}", Get)
            .WithName("GetRegion").WithSummary("行政区划及其上下级 / A region with its ancestors and children");
    }

    private static Results<Ok<RegionDetail>, ProblemHttpResult> Get(string code, RegionCatalog regions, bool includeRetired = false)
    {
        if (!regions.TryGet(code, out var region))
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return TypedResults.Ok(new RegionDetail(View(region),
            [.. regions.Ancestors(code).Reverse().Select(View)],
            [.. regions.Children(code).Where(r => includeRetired || r.IsCurrent).Select(View)]));
    }

    private static RegionView View(Region r) =>
        new(r.Code, r.Name, r.Level.ToString().ToLowerInvariant(), r.ParentCode, r.ValidFrom, r.ValidTo, r.IsCurrent);
}
