using System.Globalization;
using System.Security.Claims;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Pilot.PilotPageParts;

namespace Hub.Server.Pilot;

/// <summary>
/// /console/pilot/{id}/review: an expert's scoring form (one score per indicator, an opinion), and for the centre the
/// averages per indicator with the total, the approve/reject form with reasons, and publishing.
/// </summary>
internal static class PilotReviewPage
{
    public static async Task<IResult> ShowAsync(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotReview review, IAntiforgery antiforgery) =>
        await Load(id, http, user, sessions, service) is not ({ } caller, { } a) ? Forbidden()
        : await RenderAsync(a, caller, http, review, antiforgery, null);

    public static async Task<IResult> ScoreAsync(long id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotReview review, IAntiforgery antiforgery, Microsoft.Extensions.Options.IOptions<PilotOptions> options)
    {
        if (await Load(id, http, user, sessions, service) is not ({ } caller, { } a))
        {
            return Forbidden();
        }
        var scores = options.Value.EffectiveIndicators.ToDictionary(i => i.Key, i =>
            decimal.TryParse(form["scores." + i.Key], NumberStyles.Number, CultureInfo.InvariantCulture, out var s) ? s : (decimal?)null);
        var result = await review.ScoreAsync(a, new ScoringRequest(scores, form["opinion"]), caller, http.RequestAborted);
        return result.Ok ? Results.Redirect($"/console/pilot/{id}/review")
            : await RenderAsync(a, caller, http, review, antiforgery, (Problem(result.Error, result.Errors), Status(result)));
    }

    public static async Task<IResult> DecideAsync(long id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotReview review, IAntiforgery antiforgery)
    {
        if (await Load(id, http, user, sessions, service) is not ({ } caller, { } a))
        {
            return Forbidden();
        }
        var approve = form.ContainsKey("approve") ? true : form.ContainsKey("reject") ? false : (bool?)null;
        var result = await review.DecideAsync(a, new DecisionRequest(approve, form["reason"], null), caller, http.RequestAborted);
        return result.Ok ? Results.Redirect($"/console/pilot/{id}/review")
            : await RenderAsync(a, caller, http, review, antiforgery, (Problem(result.Error, result.Errors), Status(result)));
    }

    public static async Task<IResult> PublishAsync(long id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, PilotReview review, IAntiforgery antiforgery)
    {
        if (await Load(id, http, user, sessions, service) is not ({ } caller, { } a))
        {
            return Forbidden();
        }
        var result = await review.PublishAsync(a, caller, http.RequestAborted);
        return result.Ok ? Results.Redirect($"/console/pilot/{id}/review")
            : await RenderAsync(a, caller, http, review, antiforgery, (Problem(result.Error, result.Errors), Status(result)));
    }

    private static async Task<(Caller?, PilotApplication?)> Load(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service)
    {
        var caller = await OperatorAsync(user, sessions, http.RequestAborted);
        var reviewer = caller is not null && (PilotAccess.IsNational(caller, HubScopes.PilotReview) || PilotAccess.IsNational(caller, HubScopes.PilotDecide));
        return reviewer ? (caller, await service.FindAsync(id, caller!, http.RequestAborted)) : (null, null);
    }

    private static async Task<IResult> RenderAsync(PilotApplication a, Caller caller, HttpContext http, PilotReview review, IAntiforgery antiforgery,
        (string Html, int Status)? problem)
    {
        var token = Antiforgery(http, antiforgery);
        var summary = (await review.SummaryAsync(a, caller, http.RequestAborted)).Value!;
        var (zh, en) = PilotQueries.Label(a.Status);
        var html = new StringBuilder(Nav()).Append(problem?.Html);
        var mine = summary.Scorings.FirstOrDefault(s => s.Expert == caller.Actor);
        if (a.Status == PilotApplicationStatus.Submitted && PilotAccess.IsNational(caller, HubScopes.PilotReview))
        {
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/console/pilot/{a.Id}/scoring\">{token}<h2>{HubPage.Text("专家评分", "Your scoring")}</h2><div class=\"grid\">");
            foreach (var i in summary.Indicators)
            {
                var value = mine?.Scores.GetValueOrDefault(i.Key).ToString(CultureInfo.InvariantCulture);
                html.Append(CultureInfo.InvariantCulture, $"<div><label for=\"s-{i.Key}\">{HubPage.Text($"{i.NameZh}（0–{i.MaxScore}）", i.NameEn)}</label>")
                    .Append(CultureInfo.InvariantCulture, $"<input type=\"text\" inputmode=\"decimal\" id=\"s-{i.Key}\" name=\"scores.{i.Key}\" value=\"{HubPage.Encode(value)}\"></div>");
            }
            html.Append(CultureInfo.InvariantCulture, $"</div><label for=\"opinion\">{HubPage.Text("评审意见", "Opinion")}</label><textarea id=\"opinion\" name=\"opinion\" rows=\"4\">{HubPage.Encode(mine?.Opinion)}</textarea>")
                .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"score\" value=\"1\">{HubPage.Text("保存评分", "Save scoring")}</button></form>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p>{HubPage.Text("状态：" + zh, "Status: " + en)} · <a href=\"/console/pilot/{a.Id}\">{HubPage.Text("查看申报", "View the application")}</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"averages\"><tr><th>{HubPage.Text("指标", "Indicator")}</th><th>{HubPage.Text("满分", "Max")}</th><th>{HubPage.Text("平均分", "Average")}</th></tr>");
        foreach (var i in summary.Indicators)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HubPage.Text(i.NameZh, i.NameEn)}</td><td>{i.MaxScore}</td><td>{i.Average?.ToString(CultureInfo.InvariantCulture) ?? "—"}</td></tr>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{HubPage.Text("总分", "Total")}</th><td>{summary.Indicators.Sum(i => i.MaxScore)}</td><td id=\"total\">{summary.Total?.ToString(CultureInfo.InvariantCulture) ?? "—"}</td></tr></table>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{HubPage.Text($"专家意见（{summary.Scorings.Count}）", "Opinions")}</h2><ul>");
        foreach (var s in summary.Scorings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{HubPage.Encode(s.Expert)}：{s.Total.ToString(CultureInfo.InvariantCulture)} — {HubPage.Encode(s.Opinion)}</li>");
        }
        html.Append("</ul>");
        if (PilotAccess.IsNational(caller, HubScopes.PilotDecide))
        {
            if (a.Status == PilotApplicationStatus.Submitted)
            {
                html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/console/pilot/{a.Id}/decision\">{token}<h2>{HubPage.Text("审定", "Decision")}</h2>")
                    .Append(CultureInfo.InvariantCulture, $"<label for=\"reason\">{HubPage.Text("理由（驳回时必填）", "Reason (required to reject)")}</label><textarea id=\"reason\" name=\"reason\" rows=\"3\"></textarea>")
                    .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" name=\"approve\" value=\"1\">{HubPage.Text("通过", "Approve")}</button> ")
                    .Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"secondary\" name=\"reject\" value=\"1\">{HubPage.Text("驳回", "Reject")}</button></form>");
            }
            if (a.Status == PilotApplicationStatus.Approved)
            {
                html.Append(ButtonForm($"/console/pilot/{a.Id}/publish", token, "publish", "公布", "Publish"));
            }
        }
        return Page($"评审 · 试点申报 #{a.Id}", $"Review · pilot application #{a.Id}", html.ToString(), problem?.Status ?? 200, caller);
    }
}
