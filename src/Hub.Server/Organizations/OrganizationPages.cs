using System.Globalization;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Organizations;

/// <summary>/console/organizations: the schools of the admin's jurisdiction, one form to add a school, one to upload a list.</summary>
public static class OrganizationPages
{
    public static void MapOrganizationPages(this WebApplication app)
    {
        var pages = app.MapGroup("/console/organizations").ExcludeFromDescription();
        pages.MapGet("/", ShowAsync);
        pages.MapPost("/schools", AddAsync);
        pages.MapPost("/import", ImportAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, IAntiforgery antiforgery, OrganizationDirectory directory,
        RegionCatalog regions, string? after = null) =>
        await RenderAsync(http, antiforgery, directory, regions, RegionCursor.IsValid(after) ? after : null, null);

    private static async Task<IResult> AddAsync(HttpContext http, IAntiforgery antiforgery, OrganizationValidator validator,
        OrganizationDirectory directory, RegionCatalog regions, [FromForm] SchoolForm form)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.OrganizationsWrite);
        if (caller is null)
        {
            return denied!;
        }
        var request = new SchoolRequest(form.Code, form.Name, form.SchoolType, form.RegionCode, form.Bandwidth, Int(form.ClassCount),
            Int(form.MultimediaClassCount), Int(form.MobileTerminalClassCount), Int(form.TeacherCount), Int(form.StudentCount));
        var (valid, errors) = validator.Validate(request, caller);
        if (valid is not null)
        {
            var (_, error) = await directory.AddSchoolAsync(valid, caller, http.RequestAborted);
            if (error is null)
            {
                return Results.Redirect("/console/organizations?added=" + Uri.EscapeDataString(valid.Code));
            }
            errors.Add(new FieldError("code", error));
        }
        return await RenderAsync(http, antiforgery, directory, regions, null, Errors(errors), 400);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IAntiforgery antiforgery, SchoolImport import,
        OrganizationDirectory directory, RegionCatalog regions, IFormFile? file)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.OrganizationsWrite);
        if (caller is null)
        {
            return denied!;
        }
        if (file is null || file.Length > SchoolImport.MaxBytes)
        {
            return await RenderAsync(http, antiforgery, directory, regions, null, Errors([new FieldError("file", OrganizationErrors.ImportFileInvalid)]), 400);
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var (result, errors) = await import.RunAsync(await reader.ReadToEndAsync(http.RequestAborted), caller, http.RequestAborted);
        if (result is null)
        {
            return await RenderAsync(http, antiforgery, directory, regions, null, Errors(errors), 400);
        }
        return Results.Redirect($"/console/organizations?imported={result.Created}&updated={result.Updated}");
    }

    private static async Task<IResult> RenderAsync(HttpContext http, IAntiforgery antiforgery, OrganizationDirectory directory,
        RegionCatalog regions, string? after, string? message, int status = 200)
    {
        var (caller, denied) = await ConsoleAccess.RequireAsync(http, HubScopes.OrganizationsRead);
        if (caller is null)
        {
            return denied!;
        }
        var (items, next) = await directory.ListAsync(caller.Scope, OrganizationKind.School, null, after, 50, http.RequestAborted);
        var html = new StringBuilder();
        var query = http.Request.Query;
        if (query.TryGetValue("added", out var added))
        {
            html.Append("<p class=\"ok\" role=\"status\">").Append(HubPage.Text("已登记学校 " + added, "School registered: " + added)).Append("</p>");
        }
        if (query.TryGetValue("imported", out var imported))
        {
            html.Append("<p class=\"ok\" role=\"status\">").Append(HubPage.Text($"已导入：新增 {imported} 所，更新 {query["updated"]} 所",
                $"Imported: {imported} new, {query["updated"]} updated")).Append("</p>");
        }
        html.Append(message);
        html.Append(SchoolTable.Render(items, regions));
        if (next is not null)
        {
            html.Append("<p><a href=\"/console/organizations?after=").Append(next).Append("\">下一页 <span class=\"en\">Next page</span></a></p>");
        }
        if (caller.HasScope(HubScopes.OrganizationsWrite))
        {
            var token = antiforgery.GetAndStoreTokens(http);
            html.Append(SchoolTable.AddForm(token.FormFieldName, token.RequestToken!)).Append(SchoolTable.UploadForm(token.FormFieldName, token.RequestToken!));
        }
        return ConsolePage.Render("机构与学校", "Bureaus and schools", html.ToString(), caller, status);
    }

    private static string Errors(IEnumerable<FieldError> errors) =>
        "<div class=\"error\" role=\"alert\"><ul>" + string.Concat(errors.Take(50).Select(e =>
            $"<li><code>{HubPage.Encode(e.Field)}</code> {HubPage.Text(e.MessageZh, e.MessageEn)}</li>")) + "</ul></div>";

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>The add-school form as posted (text fields; numbers are parsed by the page so errors name the field).</summary>
public sealed record SchoolForm(string? Code, string? Name, string? SchoolType, string? RegionCode, string? Bandwidth, string? ClassCount,
    string? MultimediaClassCount, string? MobileTerminalClassCount, string? TeacherCount, string? StudentCount);
