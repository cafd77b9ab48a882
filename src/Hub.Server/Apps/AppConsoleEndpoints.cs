using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Apps;

/// <summary>
/// /console/apps: a region admin (an admin account holding apps:review, signed in with the hub session) reviews
/// applications in their subtree. The pages call <see cref="AppReviews"/> exactly as the API does, with the
/// operator account as the caller, so the same jurisdiction checks and audit entries apply.
/// </summary>
public static class AppConsoleEndpoints
{
    public static void MapAppConsoleEndpoints(this WebApplication app)
    {
        var console = app.MapGroup("/console/apps").ExcludeFromDescription();
        console.MapGet("/", ListAsync);
        console.MapGet("/{id:long}", ShowAsync);
        // [FromForm] parameters make the framework check the antiforgery token before the handler runs.
        console.MapPost("/{id:long}", DecideAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppReviews reviews, RegionCatalog regions, string? after = null, string? done = null)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.AppsReview);
        if (reviewer is null)
        {
            return denied!;
        }
        var (items, next) = await reviews.ListAsync(reviewer.Scope, AppSelectionStatus.Applied,
            RegionCursor.IsValid(after) ? after : null, 50, http.RequestAborted);
        return AppConsolePages.List(reviewer, items, next, done, regions);
    }

    private static async Task<IResult> ShowAsync(long id, HttpContext http, AppReviews reviews, RegionCatalog regions, IAntiforgery antiforgery)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.AppsReview);
        if (reviewer is null)
        {
            return denied!;
        }
        return await reviews.FindAsync(id, reviewer, "app.application.read", http.RequestAborted) is { } found
            ? AppConsolePages.Detail(http, antiforgery, reviewer, found.Selection, found.App, regions, null, null)
            : AppConsolePages.NotFound(reviewer);
    }

    private static async Task<IResult> DecideAsync(long id, HttpContext http, AppReviews reviews, RegionCatalog regions, IAntiforgery antiforgery,
        [FromForm] string? testNotes, [FromForm] string? reasons, [FromForm(Name = "submit.approve")] string? approve)
    {
        var (reviewer, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.AppsReview);
        if (reviewer is null)
        {
            return denied!;
        }
        var approving = !string.IsNullOrEmpty(approve);
        var outcome = await reviews.DecideAsync(id, approving, new DecisionRequest(testNotes, reasons), reviewer, http.RequestAborted);
        if (outcome.Error is null)
        {
            return Results.LocalRedirect("/console/apps?done=" + (approving ? "approved" : "rejected"));
        }
        if (outcome.Error == GeneralErrors.NotFound)
        {
            return AppConsolePages.NotFound(reviewer);
        }
        // The form again, with what was typed and what is wrong with it.
        var messages = outcome.Errors.Count > 0
            ? outcome.Errors.Select(e => (e.MessageZh, e.MessageEn)).ToList()
            : [(outcome.Error.MessageZh, outcome.Error.MessageEn)];
        return AppConsolePages.Detail(http, antiforgery, reviewer, outcome.Selection!, outcome.App!, regions,
            new DecisionRequest(testNotes, reasons), messages, outcome.Error.Status);
    }
}
