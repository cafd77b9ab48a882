using System.Globalization;
using System.Text;
using Hub.Server.Problems;
using Hub.Server.Space.Assets;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Space.Pages;

/// <summary>/space/files: the person's files with quota, an upload form, downloads and deletion.</summary>
public static class SpaceFilePages
{
    public static void MapSpaceFilePages(this WebApplication app)
    {
        var pages = app.MapGroup("/space/files").ExcludeFromDescription();
        pages.MapGet("/", ShowAsync);
        pages.MapPost("/", UploadAsync).WithMetadata(new RequestSizeLimitAttribute(AssetEndpoints.UploadLimit));
        pages.MapGet("/{id:guid}", DownloadAsync);
        pages.MapPost("/{id:guid}/delete", DeleteAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SpacePeople people, SpaceAssets assets, IAntiforgery antiforgery)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        var message = http.Request.Query.ContainsKey("uploaded")
            ? "<p class=\"ok\" role=\"status\">" + HubPage.Text("文件已保存。", "File saved.") + "</p>"
            : http.Request.Query.ContainsKey("deleted") ? "<p class=\"ok\" role=\"status\">" + HubPage.Text("文件已删除。", "File deleted.") + "</p>" : "";
        return await RenderAsync(http, me, assets, antiforgery, message, 200);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, SpacePeople people, SpaceAssets assets, UploadValidator validator,
        IAntiforgery antiforgery, IFormFile? file, [FromForm] string? category)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        List<FieldError> errors;
        if (file is { } f && f.Length > validator.MaxFileBytes)
        {
            errors = [new FieldError("file", SpaceErrors.FileTooLarge)];
        }
        else
        {
            byte[]? content = null;
            if (file is not null)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, http.RequestAborted);
                content = buffer.ToArray();
            }
            var (upload, invalid) = validator.Validate(file?.FileName, file?.ContentType, category, content);
            errors = invalid;
            if (upload is not null)
            {
                var (stored, error) = await assets.UploadAsync(me, upload, http.RequestAborted);
                if (stored is not null)
                {
                    return Results.Redirect("/space/files?uploaded=" + stored.Id);
                }
                errors = [new FieldError("file", error!)];
            }
        }
        return await RenderAsync(http, me, assets, antiforgery, SpacePage.Errors(errors), errors[0].Code == SpaceErrors.StorageWriteFailed.Code ? 503 : 400);
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, SpacePeople people, SpaceAssets assets)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        return AssetEndpoints.Download(await assets.ReadAsync(me.Id, id, http.RequestAborted), http.Response);
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, SpacePeople people, SpaceAssets assets)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        return await assets.DeleteAsync(me, id, http.RequestAborted) ? Results.Redirect("/space/files?deleted=1") : Results.NotFound();
    }

    private static async Task<IResult> RenderAsync(HttpContext http, SpacePerson me, SpaceAssets assets, IAntiforgery antiforgery, string message, int status)
    {
        var files = await assets.ListAsync(me.Id, http.RequestAborted);
        var token = antiforgery.GetAndStoreTokens(http);
        var hidden = HubPage.Hidden(token.FormFieldName, token.RequestToken);
        var quota = files.Quota;
        var html = new StringBuilder(message)
            .Append("<p id=\"quota\">").Append(HubPage.Text($"已用 {SpacePage.Size(quota.UsedBytes)}，共 {SpacePage.Size(quota.QuotaBytes)}；单个文件不超过 {SpacePage.Size(quota.MaxFileBytes)}",
                $"{SpacePage.Size(quota.UsedBytes)} of {SpacePage.Size(quota.QuotaBytes)} used; files up to {SpacePage.Size(quota.MaxFileBytes)}")).Append("</p>")
            .Append(FileTable(files.Items, f => "/space/files/" + f.Id, f => $"<form class=\"inline\" method=\"post\" action=\"/space/files/{f.Id}/delete\">{hidden}"
                + "<button class=\"secondary\" type=\"submit\">删除 <span class=\"en\">Delete</span></button></form>"))
            .Append(CultureInfo.InvariantCulture, $"""
                <form method="post" action="/space/files" enctype="multipart/form-data" id="upload">{hidden}
                <label for="file">选择文件 <span class="en">File</span></label><input type="file" id="file" name="file">
                <label for="category">类别 <span class="en">Category</span></label><select id="category" name="category">
                <option value="file">文件 File</option><option value="work">作品 Work</option><option value="homework">作业 Homework</option><option value="note">笔记 Note</option></select>
                <button type="submit" id="upload-submit">上传 <span class="en">Upload</span></button></form>
                <p class="muted">{HubPage.Text("文件加密保存在至少两家存储服务上，读取时校验完整性。", "Files are encrypted and kept with at least two storage providers; every read is verified.")}</p>
                """);
        return SpacePage.Render("我的文件", "My files", html.ToString(), me, status);
    }

    /// <summary>Files as a table: name (a download link), category, size, time, and an optional action cell.</summary>
    internal static string FileTable(IReadOnlyList<FileView> files, Func<FileView, string> link, Func<FileView, string>? action)
    {
        if (files.Count == 0)
        {
            return "<p class=\"muted\" id=\"files\">" + HubPage.Text("还没有文件。", "No files yet.") + "</p>";
        }
        var html = new StringBuilder("<table id=\"files\"><tr><th>文件 <span class=\"en\">File</span></th><th>类别 <span class=\"en\">Category</span></th>")
            .Append("<th>大小 <span class=\"en\">Size</span></th><th>上传时间 <span class=\"en\">Uploaded</span></th><th></th></tr>");
        foreach (var f in files)
        {
            html.Append("<tr><td><a href=\"").Append(link(f)).Append("\">").Append(HubPage.Encode(f.Name)).Append("</a></td><td>")
                .Append(AssetCategories.Chinese(AssetCategories.Parse(f.Category) ?? AssetCategory.File)).Append("</td><td class=\"num\">")
                .Append(SpacePage.Size(f.Size)).Append("</td><td>").Append(SpacePage.Time(f.CreatedAt)).Append("</td><td>")
                .Append(action?.Invoke(f)).Append("</td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
