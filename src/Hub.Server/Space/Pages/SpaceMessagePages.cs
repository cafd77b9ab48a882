using System.Globalization;
using System.Text;
using Hub.Server.Problems;
using Hub.Server.Space.Messages;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Server.Space.Pages;

/// <summary>/space/messages/new: write to a contact (家校互动) or answer a message.</summary>
public static class SpaceMessagePages
{
    public static void MapSpaceMessagePages(this WebApplication app)
    {
        app.MapGet("/space/messages/new", ComposeAsync).ExcludeFromDescription();
        app.MapPost("/space/messages", SendAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> ComposeAsync(HttpContext http, SpacePeople people, Contacts contacts, Inbox inbox, IAntiforgery antiforgery,
        string? to = null, long? replyTo = null)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        return await RenderAsync(http, me, people, contacts, inbox, antiforgery, new MessageForm(to, null, null, replyTo?.ToString(CultureInfo.InvariantCulture)), null, 200);
    }

    private static async Task<IResult> SendAsync(HttpContext http, SpacePeople people, Contacts contacts, Inbox inbox, SpaceMessages messages,
        IAntiforgery antiforgery, [FromForm] MessageForm form)
    {
        if (await people.FromSessionAsync(http) is not { } me)
        {
            return SpacePage.SignIn(http);
        }
        long? replyTo = long.TryParse(form.ReplyTo, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var (sent, errors) = await messages.SendFromPersonAsync(me, new DirectMessageRequest(form.To, form.Subject, form.Body, replyTo), http.RequestAborted);
        return sent is not null ? Results.Redirect("/space?sent=1") : await RenderAsync(http, me, people, contacts, inbox, antiforgery, form, errors, 400);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, SpacePerson me, SpacePeople people, Contacts contacts, Inbox inbox, IAntiforgery antiforgery,
        MessageForm form, IReadOnlyList<FieldError>? errors, int status)
    {
        var ct = http.RequestAborted;
        var token = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder(errors is null ? "" : SpacePage.Errors(errors));
        var to = form.To;
        var subject = form.Subject;
        if (long.TryParse(form.ReplyTo, NumberStyles.None, CultureInfo.InvariantCulture, out var replyTo)
            && await inbox.FindMessageAsync(me, replyTo, ct) is { SenderPersonId: not null } original)
        {
            // The reply goes back to the sender, found through the message, not through the contact list.
            to = await people.HubIdOfAsync(original.SenderPersonId.Value, ct);
            subject ??= original.Subject.StartsWith("回复：", StringComparison.Ordinal) ? original.Subject : "回复：" + original.Subject;
            html.Append("<p class=\"muted\">").Append(HubPage.Text("回复 " + original.SenderName, "Reply to " + original.SenderName)).Append("</p>");
        }
        var options = new StringBuilder();
        foreach (var contact in await contacts.ForAsync(me, null, null, 500, ct))
        {
            options.Append("<option value=\"").Append(HubPage.Encode(contact.HubId)).Append('"').Append(contact.HubId == to ? " selected" : "").Append('>')
                .Append(HubPage.Encode($"{contact.Name}（{Relation(contact.Relation)}，{contact.SchoolCode}{(contact.ClassCode is null ? "" : " " + contact.ClassCode + "班")}）"))
                .Append("</option>");
        }
        var recipient = options.Length == 0 && to is null
            ? "<p class=\"muted\">" + HubPage.Text("暂无可联系的人（家长可联系孩子学校的老师，老师可联系本校学生的家长）。",
                "Nobody to write to yet (parents write to their children's teachers, teachers to their students' parents).") + "</p>"
            : to is not null && !options.ToString().Contains("selected", StringComparison.Ordinal)
                ? HubPage.Hidden("to", to) + "<p>" + HubPage.Encode(to) + "</p>"
                : "<select id=\"to\" name=\"to\">" + options + "</select>";
        html.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="/space/messages" id="compose">{HubPage.Hidden(token.FormFieldName, token.RequestToken)}{HubPage.Hidden("replyTo", form.ReplyTo)}
            <label for="to">收件人 <span class="en">To</span></label>{recipient}
            <label for="subject">标题 <span class="en">Subject</span></label><input type="text" id="subject" name="subject" maxlength="100" value="{HubPage.Encode(subject)}">
            <label for="body">内容 <span class="en">Message</span></label><textarea id="body" name="body" maxlength="5000">{HubPage.Encode(form.Body)}</textarea>
            <button type="submit" id="send">发送 <span class="en">Send</span></button></form>
            """);
        return SpacePage.Render("写消息", "New message", html.ToString(), me, status);
    }

    private static string Relation(string relation) => relation switch
    {
        "teacher-of-child" => "孩子的老师",
        "school-staff" => "本校老师",
        "student" => "学生",
        "parent-of-student" => "学生家长",
        _ => relation,
    };
}

/// <summary>The compose form as posted.</summary>
public sealed record MessageForm(string? To, string? Subject, string? Body, string? ReplyTo);
