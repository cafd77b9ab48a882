using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hub.Server.Support;

/// <summary>/api/v1/support/requests: filing, reading and working support requests.</summary>
public static class SupportEndpoints
{
    /// <summary>Any of support:request, support:handle, support:manage; what each may do is decided per request.</summary>
    public const string AnyPolicy = "support:any";

    public static void MapSupportEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/support/requests").WithTags("Support 技术支持");
        group.MapPost("/", FileAsync).RequireAuthorization(HubScopes.SupportRequest)
            .WithName("FileSupportRequest").WithSummary("学校提交技术支持请求（自动编号、自动分派）/ File a support request (numbered and routed)");
        group.MapGet("/", ListAsync).RequireAuthorization(AnyPolicy)
            .WithName("ListSupportRequests").WithSummary("分页列出管辖范围内的请求 / Page through requests in your jurisdiction");
        group.MapGet("/{number}", GetAsync).RequireAuthorization(AnyPolicy)
            .WithName("GetSupportRequest").WithSummary("查询请求及其状态记录、留言、附件、超时记录 / Get a request with history, comments, attachments, breaches");
        group.MapPost("/{number}/actions/{action}", ActAsync).RequireAuthorization(AnyPolicy)
            .WithName("ActOnSupportRequest").WithSummary("状态操作：start、ask_school、resolve、confirm、reopen、cancel / Lifecycle action");
        group.MapPost("/{number}/assign", (string number, AssignSupportRequest input, ClaimsPrincipal user, SupportQueries queries, SupportHandling handling, CancellationToken ct) =>
                WithAsync(number, user, "support.assign", queries, (r, c) => handling.AssignAsync(r, input, c, ct), ct))
            .RequireAuthorization(AnyPolicy).WithName("AssignSupportRequest").WithSummary("组长改派（限学校所在地区链）/ A lead reassigns (within the region chain)");
        group.MapPost("/{number}/comments", (string number, SupportCommentRequest input, ClaimsPrincipal user, SupportQueries queries, SupportHandling handling, CancellationToken ct) =>
                WithAsync(number, user, "support.comment", queries, (r, c) => handling.CommentAsync(r, input, c, ct), ct))
            .RequireAuthorization(AnyPolicy).WithName("CommentOnSupportRequest").WithSummary("留言（支持人员可发内部备注）/ Comment (support staff may write internal notes)");
        group.MapPost("/{number}/rating", (string number, RateSupportRequest input, ClaimsPrincipal user, SupportQueries queries, SupportHandling handling, CancellationToken ct) =>
                WithAsync(number, user, "support.rate", queries, (r, c) => handling.RateAsync(r, input, c, ct), ct))
            .RequireAuthorization(HubScopes.SupportRequest).WithName("RateSupportRequest").WithSummary("学校评价处理结果（1–5）/ The school rates the outcome (1–5)");
        group.MapPost("/{number}/attachments", AttachAsync).RequireAuthorization(AnyPolicy)
            // Any declared type: the stored type is decided from the content, so the header is not trusted (nor refused).
            .Accepts<byte[]>("*/*")
            .WithName("AttachToSupportRequest").WithSummary("上传附件（请求体为文件内容，fileName 为文件名）/ Upload an attachment (body = the file)");
        group.MapGet("/{number}/attachments/{id:long}", DownloadAsync).RequireAuthorization(AnyPolicy)
            .WithName("GetSupportAttachment").WithSummary("下载附件 / Download an attachment");
    }

    private static async Task<Results<Created<SupportRequestView>, ProblemHttpResult>> FileAsync(
        FileSupportRequest input, ClaimsPrincipal user, SupportFiling filing, SupportQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var outcome = await filing.FileAsync(input, caller, ct);
        return outcome.Request is { } r
            ? TypedResults.Created($"/api/v1/support/requests/{r.Number}", await queries.ViewAsync(r, caller, ct))
            : Problem(outcome);
    }

    private static async Task<Results<Ok<SupportRequestPage>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, SupportQueries queries,
        RegionCatalog regions, CancellationToken ct, string? status = null, string? kind = null, string? schoolCode = null, string? regionCode = null,
        bool? breached = null, string? queue = null, long? deviceId = null, string? after = null, int limit = 100)
    {
        var caller = Caller.From(user);
        var errors = new List<FieldError>();
        var filter = Filter(status, kind, schoolCode, breached, queue, deviceId, errors);
        RegionCursor.CheckPaging(after, limit, errors);
        if (errors.Count > 0)
        {
            return HubProblems.Validation([.. errors]);
        }
        var (items, next) = await queries.ListAsync(caller, caller.Scope.Within(regionCode, regions), filter!, after, limit, ct);
        return TypedResults.Ok(new SupportRequestPage([.. items.Select(SupportQueries.Summary)], next));
    }

    /// <summary>The list filters; errors name the field.</summary>
    public static SupportFilter? Filter(string? status, string? kind, string? schoolCode, bool? breached, string? queue, long? deviceId, List<FieldError> errors)
    {
        var s = SupportCodes.Parse<SupportStatus>(status);
        var k = SupportCodes.Parse<SupportKind>(kind);
        foreach (var (field, bad) in new[] { ("status", status is not null && s is null), ("kind", kind is not null && k is null),
            ("queue", queue is not (null or SupportQueries.QueueMine or SupportQueries.QueueUnrouted or SupportQueries.QueueEscalated)) })
        {
            if (bad)
            {
                errors.Add(new FieldError(field, SupportErrors.FilterInvalid));
            }
        }
        return errors.Count > 0 ? null : new SupportFilter(s, k, schoolCode, breached, queue, deviceId);
    }

    private static async Task<Results<Ok<SupportRequestView>, ProblemHttpResult>> GetAsync(string number, ClaimsPrincipal user, SupportQueries queries, CancellationToken ct)
    {
        var caller = Caller.From(user);
        return await queries.FindAsync(number, caller, "support.read", ct) is { } r
            ? TypedResults.Ok(await queries.ViewAsync(r, caller, ct))
            : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<Ok<SupportRequestView>, ProblemHttpResult>> ActAsync(string number, string action, SupportActionRequest? input,
        ClaimsPrincipal user, SupportQueries queries, SupportHandling handling, CancellationToken ct)
    {
        // Only the actions a caller may ask for; routing, escalation and auto-close are the hub's own.
        if (SupportWorkflow.ParseAction(action) is not { } parsed || SupportWorkflow.Rule(parsed).Side is SupportSide.System or SupportSide.Lead
            || parsed == SupportAction.Answer)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return await WithAsync(number, user, "support." + action, queries,
            (r, c) => handling.ActAsync(r, parsed, input ?? new SupportActionRequest(null, null), c, ct), ct);
    }

    private static async Task<Results<Created<SupportAttachmentView>, ProblemHttpResult>> AttachAsync(string number, HttpRequest request,
        ClaimsPrincipal user, SupportQueries queries, SupportAttachments attachments, IOptions<SupportOptions> options, CancellationToken ct, string? fileName = null)
    {
        var caller = Caller.From(user);
        if (await queries.FindAsync(number, caller, "support.attach", ct) is not { } r)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var content = await ReadLimitedAsync(request.Body, options.Value.MaxAttachmentBytes, ct);
        if (content is null)
        {
            return HubProblems.Create(SupportErrors.AttachmentTooLarge);
        }
        var (view, error, field) = await attachments.AddAsync(r, fileName, content, caller, ct);
        return view is not null ? TypedResults.Created($"/api/v1/support/requests/{number}/attachments/{view.Id}", view)
            : field is not null ? HubProblems.Validation(new FieldError(field, error!)) : HubProblems.Create(error!);
    }

    private static async Task<IResult> DownloadAsync(string number, long id, HttpContext http, ClaimsPrincipal user, SupportQueries queries,
        SupportAttachments attachments, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await queries.FindAsync(number, caller, "support.download", ct) is not { } r || await attachments.FindAsync(r, id, ct) is not { } file)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return File(http, file);
    }

    /// <summary>Sends a stored attachment: its sniffed type, never rendered inline, never sniffed again by the browser.</summary>
    public static IResult File(HttpContext http, SupportAttachment file)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task<Results<Ok<SupportRequestView>, ProblemHttpResult>> WithAsync(string number, ClaimsPrincipal user, string action,
        SupportQueries queries, Func<SupportRequest, Caller, Task<SupportOutcome>> act, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await queries.FindAsync(number, caller, action, ct) is not { } r)
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        var outcome = await act(r, caller);
        return outcome.Request is { } done ? TypedResults.Ok(await queries.ViewAsync(done, caller, ct)) : Problem(outcome);
    }

    public static ProblemHttpResult Problem(SupportOutcome outcome) =>
        outcome.Errors is { Count: > 0 } errors ? HubProblems.Validation([.. errors]) : HubProblems.Create(outcome.Error ?? GeneralErrors.Unexpected);
}
