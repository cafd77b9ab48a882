using System.Security.Claims;
using System.Text;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using static Hub.Server.Pilot.PilotPageParts;

namespace Hub.Server.Pilot;

/// <summary>
/// The draft form (/console/pilot/new, /console/pilot/{id}/edit): attachment 2 per platform, up to three pilot regions
/// per platform with attachment 3's header and the school codes, and attachment 4. "Save" keeps a draft (which may be
/// incomplete); "Submit" saves and submits, which checks everything.
/// </summary>
internal static class PilotFormPage
{
    public static async Task<IResult> NewAsync(HttpContext http, ClaimsPrincipal user, OperatorSessions sessions, IAntiforgery antiforgery)
    {
        if (await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller || !PilotAccess.IsApplicant(caller))
        {
            return Forbidden();
        }
        return Render(http, antiforgery, null, new PilotApplicationInput(null, null), PilotAccess.KindOf(caller), []);
    }

    public static async Task<IResult> EditAsync(long id, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, IAntiforgery antiforgery)
    {
        if (await OperatorAsync(user, sessions, http.RequestAborted) is not { } caller)
        {
            return Forbidden();
        }
        if (await service.FindAsync(id, caller, http.RequestAborted) is not { } application)
        {
            return NotFound();
        }
        return Render(http, antiforgery, application, PilotJson.Read(application.ContentJson), application.Kind, []);
    }

    /// <summary>POST of the form, for a new draft (id null) or an existing one.</summary>
    public static async Task<IResult> SaveAsync(long? id, IFormCollection form, HttpContext http, ClaimsPrincipal user, OperatorSessions sessions,
        PilotApplications service, IAntiforgery antiforgery)
    {
        var ct = http.RequestAborted;
        if (await OperatorAsync(user, sessions, ct) is not { } caller || !PilotAccess.IsApplicant(caller))
        {
            return Forbidden();
        }
        PilotApplication? application = null;
        if (id is { } existing && (application = await service.FindAsync(existing, caller, ct)) is null)
        {
            return NotFound();
        }
        var kind = application?.Kind ?? PilotAccess.KindOf(caller);
        var (input, bindErrors) = PilotFormBinding.Read(form);
        if (input is null)
        {
            return Render(http, antiforgery, application, new PilotApplicationInput(null, null), kind, bindErrors, 400);
        }
        var version = long.TryParse(form["expectedVersion"], out var v) ? v : (long?)null;
        var saved = application is null
            ? await service.CreateAsync(input, caller, ct)
            : await service.UpdateAsync(application, input with { ExpectedVersion = version }, caller, ct);
        if (!saved.Ok)
        {
            return Render(http, antiforgery, application, input, kind, saved.Errors ?? [], Status(saved), saved.Error);
        }
        if (form.ContainsKey("submit"))
        {
            var submitted = await service.SubmitAsync(saved.Value!, null, caller, ct);
            if (!submitted.Ok)
            {
                return Render(http, antiforgery, saved.Value, input, kind, submitted.Errors ?? [], Status(submitted), submitted.Error);
            }
        }
        return Results.Redirect($"/console/pilot/{saved.Value!.Id}");
    }

    private static IResult Render(HttpContext http, IAntiforgery antiforgery, PilotApplication? application, PilotApplicationInput input,
        PilotApplicationKind kind, IReadOnlyList<FieldError> errors, int status = 200, ErrorDefinition? error = null)
    {
        var document = PilotFormBinding.Document(input);
        var byInput = ByInput(errors);
        var action = application is null ? "/console/pilot/new" : $"/console/pilot/{application.Id}/edit";
        var html = new StringBuilder($"<form method=\"post\" action=\"{action}\">").Append(Antiforgery(http, antiforgery));
        if (application is not null)
        {
            html.Append(HubPage.Hidden("expectedVersion", application.ChangeVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (error is not null || errors.Count > 0)
        {
            html.Append(Problem(error, errors));
        }
        var platforms = Math.Min(PilotValidator.MaxPlatforms, (input.Platforms?.Length ?? 0) + 1);
        for (var p = 0; p < platforms; p++)
        {
            var slot = $"platforms[{p}]";
            html.Append("<fieldset><legend>").Append(HubPage.Text($"平台 {p + 1}（附件 2）", $"Platform {p + 1} (attachment 2)")).Append("</legend><div class=\"grid\">");
            foreach (var spec in PilotFormFields.Platform)
            {
                var name = PilotFormBinding.Join(slot, spec.Path);
                html.Append(Input(spec, name, PilotFormBinding.Values(document, name), byInput));
            }
            html.Append("</div>");
            var regions = Math.Max(PilotFormFields.RegionSlots, input.Platforms is { } ps && p < ps.Length ? ps[p]?.Regions?.Length ?? 0 : 0);
            for (var r = 0; r < regions; r++)
            {
                var regionSlot = $"{slot}.regions[{r}]";
                html.Append("<fieldset><legend>").Append(HubPage.Text($"应用试点地区 {r + 1}（附件 3）", $"Pilot region {r + 1} (attachment 3)"))
                    .Append("</legend><div class=\"grid\">");
                foreach (var spec in PilotFormFields.Region)
                {
                    var name = PilotFormBinding.Join(regionSlot, spec.Path);
                    html.Append(Input(spec, name, PilotFormBinding.Values(document, name), byInput));
                }
                html.Append("</div></fieldset>");
            }
            html.Append("</fieldset>");
        }
        if (kind == PilotApplicationKind.Provincial)
        {
            html.Append("<fieldset><legend>").Append(HubPage.Text("省级汇总表（附件 4）", "Provincial summary (attachment 4)")).Append("</legend><div class=\"grid\">");
            foreach (var spec in PilotFormFields.Summary)
            {
                html.Append(Input(spec, spec.Path, PilotFormBinding.Values(document, spec.Path), byInput));
            }
            html.Append("</div></fieldset>");
        }
        html.Append("<button type=\"submit\" name=\"save\" value=\"1\">").Append(HubPage.Text("保存草稿", "Save draft")).Append("</button> ")
            .Append("<button type=\"submit\" name=\"submit\" value=\"1\">").Append(HubPage.Text("保存并提交", "Save and submit")).Append("</button></form>");
        return Page(application is null ? "新建试点申报" : $"编辑试点申报 #{application.Id}",
            application is null ? "New pilot application" : $"Edit pilot application #{application.Id}", Nav() + html, status);
    }
}
