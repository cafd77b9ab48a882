using System.Security.Claims;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Hub.Server.Space.Assets;

/// <summary>/api/v1/space/files: the person's data assets.</summary>
public static class AssetEndpoints
{
    public static void MapSpaceAssetEndpoints(this WebApplication app)
    {
        var files = app.MapGroup("/api/v1/space/files").WithTags("Space 个人空间").RequireAuthorization(HubScopes.Space);
        files.MapGet("/", ListAsync).WithName("ListSpaceFiles").WithSummary("我的文件与容量 / Files and quota");
        // Bearer tokens are not sent by browsers on their own, so a multipart upload here needs no antiforgery token.
        files.MapPost("/", UploadAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(UploadLimit))
            .WithName("UploadSpaceFile").WithSummary("上传文件（multipart：file，可选 name、category）/ Upload a file");
        files.MapGet("/{id:guid}", GetAsync).WithName("GetSpaceFile").WithSummary("文件信息 / File metadata");
        files.MapGet("/{id:guid}/content", ContentAsync).WithName("DownloadSpaceFile").WithSummary("下载文件（已校验哈希）/ Download (hash verified)");
        files.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSpaceFile").WithSummary("删除文件（所有存储副本）/ Delete from every backend");
    }

    /// <summary>The request body limit of uploads: the largest allowed file plus room for the multipart framing.</summary>
    public const long UploadLimit = 1L << 30;

    private static async Task<Results<Ok<FileList>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, SpacePeople people, SpaceAssets assets, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        return me is null ? problem! : TypedResults.Ok(await assets.ListAsync(me.Id, ct));
    }

    private static async Task<Results<Created<FileView>, ProblemHttpResult>> UploadAsync(HttpRequest request, ClaimsPrincipal user, SpacePeople people,
        SpaceAssets assets, UploadValidator validator, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        if (!request.HasFormContentType)
        {
            return HubProblems.Create(GeneralErrors.UnsupportedMediaType);
        }
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is { } f && f.Length > validator.MaxFileBytes)
        {
            return HubProblems.Create(SpaceErrors.FileTooLarge, errors: [new FieldError("file", SpaceErrors.FileTooLarge)]);
        }
        var content = file is null ? null : await ReadAsync(file, ct);
        var name = form.TryGetValue("name", out var n) && !string.IsNullOrWhiteSpace(n) ? n.ToString() : file?.FileName;
        var (upload, errors) = validator.Validate(name, file?.ContentType, form["category"].FirstOrDefault(), content);
        if (upload is null)
        {
            return SpaceApi.Problem(errors);
        }
        var (stored, error) = await assets.UploadAsync(me, upload, ct);
        return stored is null ? HubProblems.Create(error!) : TypedResults.Created("/api/v1/space/files/" + stored.Id, stored);
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, SpacePeople people, SpaceAssets assets, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await assets.FindAsync(me.Id, id, ct) is { } file ? TypedResults.Ok(file) : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<IResult> ContentAsync(Guid id, ClaimsPrincipal user, SpacePeople people, SpaceAssets assets, HttpResponse response, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        return me is null ? problem! : Download(await assets.ReadAsync(me.Id, id, ct), response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, SpacePeople people, SpaceAssets assets, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await assets.DeleteAsync(me, id, ct) ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);
    }

    /// <summary>A verified file as an attachment (never rendered inline: an uploaded page must not run as the hub).</summary>
    public static IResult Download((FileView? File, byte[]? Content, ErrorDefinition? Error) read, HttpResponse response)
    {
        if (read.File is null)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        if (read.Error is not null)
        {
            return HubProblems.Create(read.Error);
        }
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
        return TypedResults.File(read.Content!, read.File.ContentType, read.File.Name, entityTag: new EntityTagHeaderValue("\"" + read.File.Sha256 + "\""));
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
