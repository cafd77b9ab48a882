using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Identity.Registry;
using Hub.Server.Operators;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>One notification: what happened to which request, for whom, in both languages.</summary>
public sealed record SupportNotice(string RequestNumber, string SchoolCode, string SchoolRegionCode, string Event, SupportStatus Status,
    string Title, IReadOnlyList<string> RecipientHubIds, string MessageZh, string MessageEn, DateTimeOffset OccurredAt);

/// <summary>
/// Where support notifications go. Called inside the unit of work of the change (before it saves), so an
/// implementation that writes rows commits or rolls back with it; <see cref="SpaceSupportNotifier"/> is the one in use.
/// </summary>
public interface ISupportNotifier
{
    Task NotifyAsync(SupportNotice notice, CancellationToken ct);
}

/// <summary>The default: each notice becomes a <see cref="SupportRequestUpdated"/> event in the transactional outbox, so nothing is lost.</summary>
public sealed class OutboxSupportNotifier(Outbox outbox) : ISupportNotifier
{
    public Task NotifyAsync(SupportNotice notice, CancellationToken ct)
    {
        outbox.Add(new SupportRequestUpdated(notice.RequestNumber, notice.SchoolCode, notice.SchoolRegionCode, notice.Event,
            SupportCodes.Wire(notice.Status), notice.Title, notice.RecipientHubIds, notice.MessageZh, notice.MessageEn, notice.OccurredAt));
        return Task.CompletedTask;
    }
}

[Flags]
public enum SupportAudience
{
    School = 1,
    Support = 2,
    EscalationLeads = 4,
}

/// <summary>Works out who hears about an event (the reporter and the school's accounts; the assignee, or the whole team) and tells the notifier.</summary>
public sealed class SupportMessenger(HubDbContext db, ISupportNotifier notifier, TimeProvider clock)
{
    public async Task SendAsync(SupportRequest request, string @event, SupportAudience audience, string zh, string en, CancellationToken ct)
    {
        var people = new HashSet<long>();
        if (audience.HasFlag(SupportAudience.School))
        {
            if (request.ReporterPersonId is { } reporter)
            {
                people.Add(reporter);
            }
            people.UnionWith(await db.Set<OperatorAccount>().AsNoTracking()
                .Where(a => a.SchoolId == request.SchoolId && a.RevokedAt == null).Select(a => a.PersonId).ToListAsync(ct));
        }
        if (audience.HasFlag(SupportAudience.Support))
        {
            if (request.AssigneePersonId is { } assignee)
            {
                people.Add(assignee);
            }
            else if (request.AssignedTeamId is { } team)
            {
                people.UnionWith(await db.Set<SupportTeamMember>().AsNoTracking().Where(m => m.TeamId == team).Select(m => m.PersonId).ToListAsync(ct));
            }
            else if (request.AssignedExpertId is { } expert)
            {
                people.UnionWith(await db.Set<SupportExpert>().AsNoTracking().Where(e => e.Id == expert).Select(e => e.PersonId).ToListAsync(ct));
            }
        }
        if (audience.HasFlag(SupportAudience.EscalationLeads) && request.EscalatedRegionCode is { } escalated)
        {
            people.UnionWith(await db.Set<SupportTeamMember>().AsNoTracking().Where(m => m.IsLead)
                .Join(db.Set<SupportTeam>().Where(t => t.Active && t.RegionCode == escalated), m => m.TeamId, t => t.Id, (m, _) => m.PersonId)
                .ToListAsync(ct));
        }
        if (people.Count == 0)
        {
            return;
        }
        var ids = people.ToList();
        var hubIds = await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.HubId).OrderBy(h => h).ToListAsync(ct);
        await notifier.NotifyAsync(new SupportNotice(request.Number, request.SchoolCode, request.SchoolRegionCode, @event, request.Status,
            request.Title, hubIds, $"{request.Number}：{zh}", $"{request.Number}: {en}", clock.GetUtcNow()), ct);
    }
}

/// <summary>
/// Notifications land in each recipient's space messages (每人一个空间) as well as in the outbox event, so a school or an
/// engineer reads them where they read everything else.
/// </summary>
public sealed class SpaceSupportNotifier(OutboxSupportNotifier events, Space.Messages.SpaceMessages messages) : ISupportNotifier
{
    private const string Sender = "技术支持平台 Technical support";

    public async Task NotifyAsync(SupportNotice notice, CancellationToken ct)
    {
        await events.NotifyAsync(notice, ct);
        var subject = $"{notice.RequestNumber} {notice.Title}";
        subject = subject.Length > 100 ? subject[..100] : subject;
        var body = $"{notice.MessageZh}\n{notice.MessageEn}";
        foreach (var hubId in notice.RecipientHubIds.Distinct(StringComparer.Ordinal))
        {
            await messages.SendDirectAsync(new Space.Messages.ServiceMessage(hubId, Sender, "support", subject, body), ct);
        }
    }
}
