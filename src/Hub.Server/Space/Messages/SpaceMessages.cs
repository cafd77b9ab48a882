using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Messages;

/// <summary>A message from a hub service (technical support, reviews …) to one person.</summary>
/// <param name="RecipientHubId">The person's hub id (a merged id reaches the surviving person).</param>
/// <param name="SenderName">Shown as the sender, e.g. "技术支持 Technical support" (1–100 characters).</param>
/// <param name="Source">The service and its object, e.g. "support:ticket/42" (1–64 characters), so replies can be routed.</param>
/// <param name="Subject">1–100 characters, no control characters.</param>
/// <param name="Body">1–5000 characters of plain text (line breaks kept).</param>
public sealed record ServiceMessage(string RecipientHubId, string SenderName, string Source, string Subject, string Body);

/// <summary>
/// Direct messages. <see cref="SendDirectAsync"/> is the service other features call to reach a person's space; people
/// write to each other through <see cref="SendFromPersonAsync"/> within the rules of <see cref="Contacts"/>.
/// </summary>
public sealed class SpaceMessages(HubDbContext db, Contacts contacts, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Puts a service message in the person's inbox. Joins the caller's unit of work: the caller's pending changes commit
    /// with it. Returns the message id, or null when there is no active person with that hub id.
    /// </summary>
    /// <exception cref="ArgumentException">The sender name, source, subject or body break the length rules.</exception>
    public async Task<long?> SendDirectAsync(ServiceMessage message, CancellationToken ct)
    {
        if (MessageRules.CheckText(message.Subject, message.Body, "subject") is { Count: > 0 } errors)
        {
            throw new ArgumentException("Invalid service message: " + string.Join(", ", errors.Select(e => e.Field)), nameof(message));
        }
        if (MessageRules.Trimmed(message.SenderName) is not { Length: <= 100 } || MessageRules.Trimmed(message.Source) is not { Length: <= 64 })
        {
            throw new ArgumentException("A service message needs a sender name (1–100) and a source (1–64).", nameof(message));
        }
        var recipient = await ResolveAsync(message.RecipientHubId, ct);
        if (recipient is null)
        {
            return null;
        }
        var row = Add(null, message.SenderName.Trim(), message.Source.Trim(), recipient.Value, message.Subject, message.Body, null);
        audit.Record(message.Source.Trim(), "space.message.send", "person", message.RecipientHubId, "sent");
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    public async Task<(SentMessageView? Sent, List<FieldError> Errors)> SendFromPersonAsync(SpacePerson sender, DirectMessageRequest request, CancellationToken ct)
    {
        var errors = MessageRules.CheckText(request.Subject, request.Body, "subject");
        var recipient = request.RecipientHubId is { Length: > 0 and <= 20 } hubId ? await ResolveAsync(hubId, ct) : null;
        if (request.ReplyTo is { } replyTo && !await db.Set<DirectMessage>().AnyAsync(m => m.Id == replyTo && m.RecipientPersonId == sender.Id, ct))
        {
            errors.Add(new FieldError("replyTo", GeneralErrors.NotFound));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        if (recipient is not { } recipientId || recipientId == sender.Id || !await contacts.CanWriteAsync(sender, recipientId, ct))
        {
            return (null, [new FieldError("recipientHubId", SpaceErrors.RecipientUnreachable)]);
        }
        var row = Add(sender.Id, sender.Name, "person", recipientId, request.Subject!, request.Body!, request.ReplyTo);
        audit.Record(sender.Actor, "space.message.send", "person", request.RecipientHubId, "sent");
        await db.SaveChangesAsync(ct);
        var name = await db.Set<Person>().Where(p => p.Id == recipientId).Select(p => new { p.HubId, p.Name }).FirstAsync(ct);
        return (new SentMessageView(row.Id, name.HubId, name.Name, row.Subject, row.Body, row.CreatedAt, false), errors);
    }

    public async Task<List<SentMessageView>> SentAsync(SpacePerson sender, int limit, CancellationToken ct) =>
        await db.Set<DirectMessage>().AsNoTracking().Where(m => m.SenderPersonId == sender.Id).OrderByDescending(m => m.Id).Take(limit)
            .Join(db.Set<Person>(), m => m.RecipientPersonId, p => p.Id,
                (m, p) => new SentMessageView(m.Id, p.HubId, p.Name, m.Subject, m.Body, m.CreatedAt, m.ReadAt != null))
            .ToListAsync(ct);

    private DirectMessage Add(long? senderId, string senderName, string source, long recipientId, string subject, string body, long? replyTo)
    {
        var row = new DirectMessage
        {
            SenderPersonId = senderId, SenderName = senderName, Source = source, RecipientPersonId = recipientId,
            Subject = subject.Trim(), Body = body.Trim(), ReplyToId = replyTo, CreatedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        return row;
    }

    /// <summary>The active person behind a hub id, following a merge to the surviving person.</summary>
    private async Task<long?> ResolveAsync(string hubId, CancellationToken ct)
    {
        var person = await db.Set<Person>().AsNoTracking().Where(p => p.HubId == hubId).Select(p => new { p.Id, p.Status, p.MergedIntoId }).FirstOrDefaultAsync(ct)
            ?? await db.Set<PersonAlias>().Where(a => a.HubId == hubId)
                .Join(db.Set<Person>(), a => a.PersonId, p => p.Id, (_, p) => new { p.Id, p.Status, p.MergedIntoId }).FirstOrDefaultAsync(ct);
        if (person is { Status: PersonStatus.Merged, MergedIntoId: { } survivor })
        {
            return await db.Set<Person>().Where(p => p.Id == survivor && p.Status == PersonStatus.Active).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        }
        return person is { Status: PersonStatus.Active } ? person.Id : null;
    }
}
