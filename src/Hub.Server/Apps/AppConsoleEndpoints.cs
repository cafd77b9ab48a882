using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Apps;

/// <summary>
/// /console/apps: a region admin, signed in with the hub session, reviews applications in their subtree. The
/// pages call <see cref="AppReviews"/> exactly as the API does, with the operator account as the caller.
/// </summary>
public static class AppConsoleEndpoints
{
    public static void MapAppConsoleEndpoints(this WebApplication app)
    {
        var console = app.MapGroup("/console/apps").ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AccountEndpoints.SessionScheme).RequireAuthenticatedUser());
        console.MapGet("/", ListAsync);
        console.MapGet("/{id:long}", ShowAsync);
        // [FromForm] parameters make the framework check the antiforgery token before the handler runs.
        console.MapPost("/{id:long}", DecideAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ClaimsPrincipal user, OperatorSessions sessions, AppReviews reviews,
        RegionCatalog regions, string? after = null, string? done = null)
    {
        if (await ReviewerAsync(user, sessions, http.RequestAborted) is not { } reviewer)
        {
            return AppConsolePages.Forbidden();
        }
        var (items, next) = await reviews.ListAsync(reviewer.Scope, AppSelectionStatus.Applied,
            RegionCursor.IsValid(after) ? after : null, 50, http.RequestAborted);
        return AppConsolePages.List(items, next, done, regions);
    }

    private static async Task<IResult> ShowAsync(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        AppReviews reviews, RegionCatalog regions, IAntiforgery antiforgery)
    {
        if (await ReviewerAsync(user, sessions, http.RequestAborted) is not { } reviewer)
        {
            return AppConsolePages.Forbidden();
        }
        return await reviews.FindAsync(id, reviewer, "app.application.read", http.RequestAborted) is { } found
            ? AppConsolePages.Detail(http, antiforgery, found.Selection, found.App, regions, null, null)
            : AppConsolePages.NotFound();
    }

    private static async Task<IResult> DecideAsync(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        AppReviews reviews, RegionCatalog regions, IAntiforgery antiforgery,
        [FromForm] string? testNotes, [FromForm] string? reasons, [FromForm(Name = "submit.approve")] string? approve)
    {
        if (await ReviewerAsync(user, sessions, http.RequestAborted) is not { } reviewer)
        {
            return AppConsolePages.Forbidden();
        }
        var approving = !string.IsNullOrEmpty(approve);
        var outcome = await reviews.DecideAsync(id, approving, new DecisionRequest(testNotes, reasons), reviewer, http.RequestAborted);
        if (outcome.Error is null)
        {
            return Results.LocalRedirect("/console/apps?done=" + (approving ? "approved" : "rejected"));
        }
        if (outcome.Error == GeneralErrors.NotFound)
        {
            return AppConsolePages.NotFound();
        }
        // Show the form again with what was typed and what is wrong with it.
        var messages = outcome.Errors.Count > 0
            ? outcome.Errors.Select(e => (e.MessageZh, e.MessageEn)).ToList()
            : [(outcome.Error.MessageZh, outcome.Error.MessageEn)];
        return AppConsolePages.Detail(http, antiforgery, outcome.Selection!, outcome.App!, regions,
            new DecisionRequest(testNotes, reasons), messages, outcome.Error.Status);
    }

    /// <summary>The session's operator account if it holds apps:review; null otherwise (the page says so).</summary>
    private static async Task<Caller?> ReviewerAsync(ClaimsPrincipal user, OperatorSessions sessions, CancellationToken ct) =>
        await sessions.FindAsync(user, ct) is { } caller && caller.HasScope(HubScopes.AppsReview) ? caller : null;
}
