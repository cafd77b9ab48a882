using System.Security.Claims;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Hub.Server.Space.Assets;
using Hub.Server.Space.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Server.Space.Guardians;

/// <summary>/api/v1/space/students: a parent's view of linked students' spaces, where their school allows it (audited).</summary>
public static class GuardianEndpoints
{
    public static void MapSpaceGuardianEndpoints(this WebApplication app)
    {
        var students = app.MapGroup("/api/v1/space/students").WithTags("Space 个人空间").RequireAuthorization(HubScopes.Space);
        students.MapGet("/", ListAsync).WithName("ListGuardedStudents").WithSummary("我监护的学生及学校是否允许查看 / Linked students");
        students.MapGet("/{hubId}/files", FilesAsync).WithName("ListStudentFiles").WithSummary("学生的文件 / A student's files");
        students.MapGet("/{hubId}/files/{id:guid}/content", ContentAsync).WithName("DownloadStudentFile").WithSummary("下载学生的文件 / Download a student's file");
        students.MapGet("/{hubId}/inbox", InboxAsync).WithName("GetStudentInbox").WithSummary("发给学生的通知与消息 / Messages addressed to the student");
    }

    private static async Task<Results<Ok<List<GuardedStudent>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, SpacePeople people,
        GuardianAccess guardians, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        return me is null ? problem! : TypedResults.Ok(await guardians.StudentsAsync(me, ct));
    }

    private static async Task<Results<Ok<FileList>, ProblemHttpResult>> FilesAsync(string hubId, ClaimsPrincipal user, SpacePeople people,
        GuardianAccess guardians, SpaceAssets assets, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await guardians.OpenAsync(me, hubId, "files", ct) is { } student
            ? TypedResults.Ok(await assets.ListAsync(student.Id, ct)) : HubProblems.Create(SpaceErrors.GuardianAccessDenied);
    }

    private static async Task<IResult> ContentAsync(string hubId, Guid id, ClaimsPrincipal user, SpacePeople people, GuardianAccess guardians,
        SpaceAssets assets, HttpResponse response, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await guardians.OpenAsync(me, hubId, "file " + id, ct) is { } student
            ? AssetEndpoints.Download(await assets.ReadAsync(student.Id, id, ct), response) : HubProblems.Create(SpaceErrors.GuardianAccessDenied);
    }

    private static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> InboxAsync(string hubId, ClaimsPrincipal user, SpacePeople people,
        GuardianAccess guardians, Inbox inbox, CancellationToken ct, string? after = null, int limit = 50)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        if (!InboxCursor.TryDecode(after, out var cursor) || SpaceApi.CheckLimit(limit) is not null)
        {
            return HubProblems.Validation(new FieldError(cursor is null && after is not null ? "after" : "limit",
                cursor is null && after is not null ? SpaceErrors.CursorInvalid : SpaceErrors.LimitInvalid));
        }
        return await guardians.OpenAsync(me, hubId, "inbox", ct) is { } student
            ? TypedResults.Ok(await inbox.PageAsync(student, cursor, limit, ct)) : HubProblems.Create(SpaceErrors.GuardianAccessDenied);
    }
}
