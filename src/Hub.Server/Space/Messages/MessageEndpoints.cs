using System.Globalization;
using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Hub.Server.Space.Messages;

/// <summary>/api/v1/space: the inbox, direct messages and contacts of the signed-in person; announcements for senders.</summary>
public static class MessageEndpoints
{
    public const string AnnouncerPolicy = "space-announcers";

    public static void MapSpaceMessageEndpoints(this WebApplication app)
    {
        var space = app.MapGroup("/api/v1/space").WithTags("Space 个人空间").RequireAuthorization(HubScopes.Space);
        space.MapGet("/inbox", InboxAsync).WithName("GetSpaceInbox").WithSummary("收件箱：通知与私信，新的在前 / Inbox: announcements and messages, newest first");
        space.MapGet("/inbox/announcements/{id:long}", AnnouncementAsync).WithName("GetSpaceAnnouncement").WithSummary("查看一条通知 / One announcement");
        space.MapGet("/inbox/messages/{id:long}", MessageAsync).WithName("GetSpaceMessage").WithSummary("查看一条私信 / One message");
        space.MapPost("/inbox/{kind}/{id:long}/read", ReadAsync).WithName("MarkSpaceItemRead").WithSummary("标记已读（announcements 或 messages）/ Mark read");
        space.MapPost("/messages", SendAsync).WithName("SendSpaceMessage").WithSummary("发送私信（家校互动）/ Send a direct message");
        space.MapGet("/messages/sent", SentAsync).WithName("ListSentSpaceMessages").WithSummary("已发送的私信 / Messages you sent");
        space.MapGet("/contacts", ContactsAsync).WithName("ListSpaceContacts").WithSummary("可以联系的人 / People you may write to");

        var announcements = app.MapGroup("/api/v1/space/announcements").WithTags("Space 个人空间").RequireAuthorization(AnnouncerPolicy);
        announcements.MapPost("/", AnnounceAsync).WithName("SendAnnouncement")
            .WithSummary("发布通知（管辖范围内的地区、学校或班级；教师限本校）/ Send an announcement");
        announcements.MapGet("/", ListAnnouncementsAsync).WithName("ListSentAnnouncements").WithSummary("本账号发布的通知 / Announcements you sent");
        announcements.MapDelete("/{id:long}", WithdrawAsync).WithName("WithdrawAnnouncement").WithSummary("撤回通知 / Withdraw an announcement");
    }

    private static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> InboxAsync(ClaimsPrincipal user, SpacePeople people, Inbox inbox,
        CancellationToken ct, string? after = null, int limit = 50)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        var errors = new List<FieldError>();
        if (!InboxCursor.TryDecode(after, out var cursor))
        {
            errors.Add(new FieldError("after", SpaceErrors.CursorInvalid));
        }
        if (SpaceApi.CheckLimit(limit) is { } limitError)
        {
            errors.Add(limitError);
        }
        return errors.Count > 0 ? HubProblems.Validation([.. errors]) : TypedResults.Ok(await inbox.PageAsync(me, cursor, limit, ct));
    }

    private static async Task<Results<Ok<AnnouncementView>, ProblemHttpResult>> AnnouncementAsync(long id, ClaimsPrincipal user, SpacePeople people,
        Inbox inbox, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await inbox.FindAnnouncementAsync(me, id, ct) is { } a ? TypedResults.Ok(Announcements.View(a)) : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<Ok<InboxItem>, ProblemHttpResult>> MessageAsync(long id, ClaimsPrincipal user, SpacePeople people,
        Inbox inbox, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return await inbox.FindMessageAsync(me, id, ct) is { } m
            ? TypedResults.Ok(new InboxItem("message", m.Id, m.Subject, m.Body, m.SenderName, null, m.CreatedAt, m.ReadAt != null, m.Source))
            : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(string kind, long id, ClaimsPrincipal user, SpacePeople people,
        Inbox inbox, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        if (kind is not ("announcements" or "messages"))
        {
            return HubProblems.Create(GeneralErrors.NotFound);
        }
        return await inbox.MarkReadAsync(me, kind == "messages" ? "message" : "announcement", id, ct)
            ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);
    }

    private static async Task<Results<Created<SentMessageView>, ProblemHttpResult>> SendAsync(DirectMessageRequest request, ClaimsPrincipal user,
        SpacePeople people, SpaceMessages messages, CancellationToken ct)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        var (sent, errors) = await messages.SendFromPersonAsync(me, request, ct);
        return sent is null ? SpaceApi.Problem(errors) : TypedResults.Created($"/api/v1/space/messages/sent", sent);
    }

    private static async Task<Results<Ok<List<SentMessageView>>, ProblemHttpResult>> SentAsync(ClaimsPrincipal user, SpacePeople people,
        SpaceMessages messages, CancellationToken ct, int limit = 50)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return SpaceApi.CheckLimit(limit) is { } error ? HubProblems.Validation(error) : TypedResults.Ok(await messages.SentAsync(me, limit, ct));
    }

    private static async Task<Results<Ok<List<ContactView>>, ProblemHttpResult>> ContactsAsync(ClaimsPrincipal user, SpacePeople people,
        Contacts contacts, CancellationToken ct, string? school = null, int limit = 100)
    {
        var (me, problem) = await SpaceApi.PersonAsync(user, people, ct);
        if (me is null)
        {
            return problem!;
        }
        return SpaceApi.CheckLimit(limit, 500) is { } error ? HubProblems.Validation(error) : TypedResults.Ok(await contacts.ForAsync(me, school, null, limit, ct));
    }

    private static async Task<Results<Created<AnnouncementView>, ProblemHttpResult>> AnnounceAsync(AnnouncementRequest request, ClaimsPrincipal user,
        SpacePeople people, Announcements announcements, CancellationToken ct)
    {
        var (sent, errors) = await SenderAsync(user, people, ct) switch
        {
            (_, { } teacher) => await announcements.SendAsTeacherAsync(request, teacher, ct),
            ({ } caller, _) => await announcements.SendAsync(request, caller, ct),
            _ => (null, [new FieldError("token", SpaceErrors.NotAPerson)]),
        };
        return sent is null ? SpaceApi.Problem(errors)
            : TypedResults.Created("/api/v1/space/announcements/" + sent.Id.ToString(CultureInfo.InvariantCulture), sent);
    }

    private static async Task<Results<Ok<AnnouncementPage>, ProblemHttpResult>> ListAnnouncementsAsync(ClaimsPrincipal user, SpacePeople people,
        Announcements announcements, CancellationToken ct, long? before = null, int limit = 50)
    {
        if (SpaceApi.CheckLimit(limit) is { } error)
        {
            return HubProblems.Validation(error);
        }
        return await SenderAsync(user, people, ct) is ({ } caller, var teacher)
            ? TypedResults.Ok(await announcements.ListSentAsync(teacher?.Actor ?? caller.Actor, before, limit, ct))
            : HubProblems.Create(SpaceErrors.NotAPerson);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(long id, ClaimsPrincipal user, SpacePeople people,
        Announcements announcements, CancellationToken ct)
    {
        return await SenderAsync(user, people, ct) is ({ } caller, var teacher) && await announcements.WithdrawAsync(id, teacher?.Actor ?? caller.Actor, ct)
            ? TypedResults.NoContent() : HubProblems.Create(GeneralErrors.NotFound);
    }

    /// <summary>A jurisdiction (token with <c>space:announce</c>) or a teacher (a person's token with <c>space</c>).</summary>
    private static async Task<(Caller? Caller, SpacePerson? Teacher)> SenderAsync(ClaimsPrincipal user, SpacePeople people, CancellationToken ct)
    {
        if (user.HasScope(HubScopes.SpaceAnnounce))
        {
            return (Caller.From(user), null);
        }
        return await people.FromTokenAsync(user, ct) is { } person ? (Caller.From(user), person) : (null, null);
    }
}
