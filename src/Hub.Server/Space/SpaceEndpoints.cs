using System.Security.Claims;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Export;
using Hub.Server.Space.Guardians;
using Hub.Server.Space.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Space;

/// <summary>The space at a glance: unread messages, storage, and the resource inbox (items pushed to the person, up to 100, and saved ones).</summary>
public sealed record SpaceOverview(string HubId, string Name, int Unread, QuotaView Quota, Catalog.Push.ResourceInboxSummary ResourceInbox);

/// <summary>/api/v1/space and /api/v1/space/export.</summary>
public static class SpaceEndpoints
{
    public static void MapSpaceEndpoints(this WebApplication app)
    {
        var space = app.MapGroup("/api/v1/space").WithTags("Space 个人空间").RequireAuthorization(HubScopes.Space);
        space.MapGet("/", OverviewAsync).WithName("GetSpace").WithSummary("我的空间概览 / Your space at a glance");
        space.MapGet("/export", ExportAsync).WithName("ExportSpaceData")
            .WithSummary("导出我的全部个人信息（json 或 csv，个人信息查阅复制权）/ Export everything held about you (json or csv)");
        app.MapSpaceMessageEndpoints();
        app.MapSpaceAssetEndpoints();
        app.MapSpaceGuardianEndpoints();
    }

    private static async Task<Results<Ok<SpaceOverview>, ProblemHttpResult>> OverviewAsync(ClaimsPrincipal user, SpacePeople people, Inbox inbox,
        SpaceAssets assets, Catalog.Push.ResourceInbox resources, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        var page = await inbox.PageAsync(me, null, 1, ct);
        var pushed = await resources.PageAsync(me, null, 100, saved: false, ct);
        var saved = await resources.PageAsync(me, null, 100, saved: true, ct);
        return TypedResults.Ok(new SpaceOverview(me.HubId, me.Name, page.Unread, await assets.QuotaAsync(me.Id, ct),
            new Catalog.Push.ResourceInboxSummary(pushed.Items.Count, saved.Items.Count)));
    }

    private static async Task<IResult> ExportAsync(ClaimsPrincipal user, SpacePeople people, SpaceExport export, CancellationToken ct, string format = "json")
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return format is "json" or "csv" ? await FileAsync(me, export, format, ct) : HubProblems.Validation(new FieldError("format", SpaceErrors.ExportFormatInvalid));
    }

    /// <summary>The export as a download (shared with the /space page).</summary>
    public static async Task<IResult> FileAsync(SpacePerson me, SpaceExport export, string format, CancellationToken ct)
    {
        var sections = await export.CollectAsync(me, format, ct);
        var name = $"space-{me.HubId}-{DateTime.UtcNow:yyyyMMdd}.{format}";
        return format == "csv"
            ? TypedResults.File(SpaceExport.Csv(sections), Web.Tables.CsvWriter.ContentType, name)
            : TypedResults.File(export.Json(me, sections), "application/json; charset=utf-8", name);
    }
}
