using System.Security.Cryptography;
using System.Text;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Support;

/// <summary>
/// Small files in the database, beside the request they belong to (one backup, one transaction, no file paths to
/// get wrong). The type is decided from the content, never from the client's header or file name; downloads go out
/// as attachments with that type and nosniff, so an uploaded page can never run in the hub's origin.
/// </summary>
public sealed class SupportAttachments(HubDbContext db, AuditLog audit, SupportAccess access, IOptions<SupportOptions> options, TimeProvider clock)
{
    public async Task<(SupportAttachmentView? View, ErrorDefinition? Error, string? Field)> AddAsync(SupportRequest r, string? fileName, byte[] content,
        Caller caller, CancellationToken ct)
    {
        if (!SupportAccess.IsSchoolSide(caller, r) && !await access.IsHandlerAsync(caller, r, ct) && !await access.IsLeadAsync(caller, r, ct))
        {
            return (null, SupportErrors.NotYourSide, null);
        }
        var name = FileName(fileName);
        if (name is null)
        {
            return (null, SupportErrors.FileNameInvalid, "fileName");
        }
        if (content.Length == 0 || content.Length > options.Value.MaxAttachmentBytes)
        {
            return (null, SupportErrors.AttachmentTooLarge, null);
        }
        if (Sniff(content) is not { } type)
        {
            return (null, SupportErrors.AttachmentType, null);
        }
        if (r.Status is SupportStatus.Closed or SupportStatus.Cancelled)
        {
            return (null, SupportErrors.TransitionNotAllowed, null);
        }
        if (await db.Set<SupportAttachment>().CountAsync(a => a.RequestId == r.Id, ct) >= options.Value.MaxAttachmentsPerRequest)
        {
            return (null, SupportErrors.AttachmentCount, null);
        }
        var row = new SupportAttachment
        {
            RequestId = r.Id, FileName = name, ContentType = type, Size = content.Length, Sha256 = SHA256.HashData(content), Content = content,
            UploadedBy = caller.Actor, UploadedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        audit.Record(caller.Actor, "support.attach", "support_request", r.Number, type, regionCode: r.SchoolRegionCode);
        await db.SaveChangesAsync(ct);
        return (new SupportAttachmentView(row.Id, row.FileName, row.ContentType, row.Size, Convert.ToHexStringLower(row.Sha256), row.UploadedBy, row.UploadedAt), null, null);
    }

    public Task<SupportAttachment?> FindAsync(SupportRequest r, long id, CancellationToken ct) =>
        db.Set<SupportAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.RequestId == r.Id && a.Id == id, ct);

    /// <summary>A plain name: no directories, no control or bidi characters, at most 200 characters.</summary>
    public static string? FileName(string? value)
    {
        var name = SupportLimits.Text(value, SupportLimits.FileName);
        return name is null || name.IndexOfAny(['/', '\\', '"', '\0']) >= 0 || name is "." or ".." ? null : name;
    }

    /// <summary>PNG, JPEG, GIF and PDF by their signatures; text when it is valid UTF-8 without control characters other than whitespace.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }
        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : "text/plain";
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
