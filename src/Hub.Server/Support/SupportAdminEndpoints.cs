using System.Globalization;
using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Web.Tables;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Support;

/// <summary>/api/v1/support: teams, the expert pool, the equipment register, repeated faults and statistics.</summary>
public static class SupportAdminEndpoints
{
    public static void MapSupportAdminEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("Support 技术支持");
        group.MapGet("/teams", async (ClaimsPrincipal user, SupportTeams teams, RegionCatalog regions, CancellationToken ct, string? regionCode) =>
            {
                var caller = Caller.From(user);
                var list = await teams.ListTeamsAsync(caller.Scope.Within(regionCode, regions), ct);
                return TypedResults.Ok(await Task.WhenAll(list.Select(t => teams.ViewAsync(t, ct))));
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("ListSupportTeams").WithSummary("列出管辖范围内的支持团队 / List support teams");
        group.MapPost("/teams", async Task<Results<Created<SupportTeamView>, ProblemHttpResult>> (SupportTeamRequest input, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
            {
                var (team, errors) = await teams.SaveTeamAsync(null, input, Caller.From(user), ct);
                return team is null ? HubProblems.Validation([.. errors]) : TypedResults.Created($"/api/v1/support/teams/{team.Id}", await teams.ViewAsync(team, ct));
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("CreateSupportTeam").WithSummary("建立支持团队（类型、工作时间）/ Create a support team");
        group.MapGet("/teams/{id:long}", async Task<Results<Ok<SupportTeamView>, ProblemHttpResult>> (long id, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
                await teams.FindTeamAsync(id, Caller.From(user), ct) is { } team ? TypedResults.Ok(await teams.ViewAsync(team, ct)) : HubProblems.Create(GeneralErrors.NotFound))
            .RequireAuthorization(HubScopes.SupportManage).WithName("GetSupportTeam").WithSummary("查询支持团队 / Get a support team");
        group.MapPut("/teams/{id:long}", async Task<Results<Ok<SupportTeamView>, ProblemHttpResult>> (long id, SupportTeamRequest input, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                if (await teams.FindTeamAsync(id, caller, ct) is not { } team)
                {
                    return HubProblems.Create(GeneralErrors.NotFound);
                }
                var (saved, errors) = await teams.SaveTeamAsync(team, input, caller, ct);
                return saved is null ? HubProblems.Validation([.. errors]) : TypedResults.Ok(await teams.ViewAsync(saved, ct));
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("UpdateSupportTeam").WithSummary("修改支持团队（地区不变）/ Update a team (its region stays)");
        group.MapPut("/teams/{id:long}/members", async Task<Results<Ok<SupportTeamView>, ProblemHttpResult>> (long id, SupportTeamMemberRequest input, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                if (await teams.FindTeamAsync(id, caller, ct) is not { } team)
                {
                    return HubProblems.Create(GeneralErrors.NotFound);
                }
                return await teams.SetMemberAsync(team, input, caller, ct) is { } error ? HubProblems.Validation(error) : TypedResults.Ok(await teams.ViewAsync(team, ct));
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("SetSupportTeamMember").WithSummary("加入成员或设为组长 / Add a member or make them lead");
        group.MapDelete("/teams/{id:long}/members/{hubId}", async Task<Results<NoContent, ProblemHttpResult>> (long id, string hubId, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                return await teams.FindTeamAsync(id, caller, ct) is { } team && await teams.RemoveMemberAsync(team, hubId, caller, ct)
                    ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("RemoveSupportTeamMember").WithSummary("移除成员 / Remove a member");
        group.MapGet("/experts", async (ClaimsPrincipal user, SupportTeams teams, RegionCatalog regions, CancellationToken ct, string? regionCode) =>
                TypedResults.Ok((await teams.ListExpertsAsync(Caller.From(user).Scope.Within(regionCode, regions), ct)).Select(x => ExpertView(x.Expert, x.HubId, x.Name))))
            .RequireAuthorization(HubScopes.SupportManage).WithName("ListSupportExperts").WithSummary("列出专家库 / List the expert pool");
        group.MapPut("/experts", async Task<Results<Ok<SupportExpertView>, ProblemHttpResult>> (SupportExpertRequest input, ClaimsPrincipal user, SupportTeams teams, CancellationToken ct) =>
            {
                var (expert, errors) = await teams.SaveExpertAsync(input, Caller.From(user), ct);
                return expert is null ? HubProblems.Validation([.. errors]) : TypedResults.Ok(ExpertView(expert, input.HubId!.Trim(), ""));
            })
            .RequireAuthorization(HubScopes.SupportManage).WithName("SaveSupportExpert").WithSummary("登记或修改专家（地区 + 人员）/ Add or update an expert (region + person)");
        group.MapPost("/devices", async Task<Results<Created<SupportDeviceView>, ProblemHttpResult>> (SupportDeviceRequest input, ClaimsPrincipal user, SupportEquipment equipment, CancellationToken ct) =>
            {
                var (device, errors) = await equipment.SaveAsync(null, input, Caller.From(user), ct);
                return device is null ? HubProblems.Validation([.. errors]) : TypedResults.Created($"/api/v1/support/devices/{device.Id}", SupportEquipment.View(device, 0));
            })
            .RequireAuthorization(SupportEndpoints.AnyPolicy).WithName("RegisterSupportDevice").WithSummary("登记设备 / Register a device");
        group.MapPut("/devices/{id:long}", async Task<Results<Ok<SupportDeviceView>, ProblemHttpResult>> (long id, SupportDeviceRequest input, ClaimsPrincipal user, SupportEquipment equipment, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                if (await equipment.FindAsync(id, caller, ct) is not { } device)
                {
                    return HubProblems.Create(GeneralErrors.NotFound);
                }
                var (saved, errors) = await equipment.SaveAsync(device, input, caller, ct);
                return saved is null ? HubProblems.Validation([.. errors]) : TypedResults.Ok(SupportEquipment.View(saved, 0));
            })
            .RequireAuthorization(SupportEndpoints.AnyPolicy).WithName("UpdateSupportDevice").WithSummary("修改或报废设备 / Update or retire a device");
        group.MapGet("/devices", async (ClaimsPrincipal user, SupportEquipment equipment, string schoolCode, CancellationToken ct) =>
                TypedResults.Ok(await equipment.ListAsync(schoolCode, Caller.From(user), ct)))
            .RequireAuthorization(SupportEndpoints.AnyPolicy).WithName("ListSupportDevices").WithSummary("一所学校的设备台账 / A school's equipment register");
        group.MapGet("/devices/repeated-faults", RepeatedAsync).RequireAuthorization(SupportEndpoints.AnyPolicy)
            .WithName("RepeatedDeviceFaults").WithSummary("重复故障：按设备与型号 / Repeated faults per device and per model");
        group.MapGet("/statistics", StatisticsAsync).RequireAuthorization(HubScopes.SupportManage)
            .WithName("SupportStatistics").WithSummary("按地区与期间统计（format=csv 导出）/ Statistics per region and period (format=csv to export)");
    }

    private static SupportExpertView ExpertView(SupportExpert e, string hubId, string name) =>
        new(e.Id, e.RegionCode, hubId, name, e.Subjects, [.. e.Stages.Select(SupportCodes.Wire)], e.Active);

    private static async Task<Results<Ok<RepeatedFaultsView>, ProblemHttpResult>> RepeatedAsync(ClaimsPrincipal user, SupportEquipment equipment,
        RegionCatalog regions, TimeProvider clock, CancellationToken ct, string? regionCode = null, string? schoolCode = null, string? from = null,
        string? to = null, int threshold = 2)
    {
        var caller = Caller.From(user);
        var errors = new List<FieldError>();
        var (start, end) = Period(from, to, clock, errors);
        if (threshold is < 2 or > 100)
        {
            errors.Add(new FieldError("threshold", SupportErrors.FilterInvalid));
        }
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        return TypedResults.Ok(await equipment.RepeatedAsync(caller.Scope.Within(regionCode, regions), caller.SchoolCode ?? schoolCode, start, end, threshold, ct));
    }

    private static async Task<IResult> StatisticsAsync(ClaimsPrincipal user, SupportStatistics statistics, RegionCatalog regions, TimeProvider clock,
        CancellationToken ct, string? regionCode = null, string? from = null, string? to = null, string? format = null)
    {
        var caller = Caller.From(user);
        var errors = new List<FieldError>();
        var (start, end) = Period(from, to, clock, errors);
        if (format is not (null or "json" or "csv"))
        {
            errors.Add(new FieldError("format", SupportErrors.FilterInvalid));
        }
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var view = await statistics.ComputeAsync(caller.Scope.Within(regionCode, regions), regionCode ?? caller.RegionCode, start, end, ct);
        return format == "csv"
            ? TypedResults.File(CsvWriter.Write(SupportStatistics.ToTable(view)), CsvWriter.ContentType, $"support-{regionCode ?? caller.RegionCode ?? "national"}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv")
            : TypedResults.Ok(view);
    }

    /// <summary>A period of China-time dates, both inclusive, at most 366 days; default: the last 30 days.</summary>
    public static (DateOnly From, DateOnly To) Period(string? from, string? to, TimeProvider clock, List<FieldError> errors)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(SupportTeam.ChinaOffset).DateTime);
        static DateOnly? Parse(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var end = to is null ? today : Parse(to);
        var start = from is null ? end?.AddDays(-29) : Parse(from);
        if (start is null || end is null || start > end || end.Value.DayNumber - start.Value.DayNumber > 365)
        {
            errors.Add(new FieldError(from is not null && Parse(from) is null ? "from" : "to", SupportErrors.PeriodInvalid));
            return (today, today);
        }
        return (start.Value, end.Value);
    }
}
