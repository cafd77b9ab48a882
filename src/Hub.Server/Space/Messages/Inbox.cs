using System.Globalization;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Messages;

/// <summary>
/// A person's inbox: the announcements their audience matches (resolved now, from one row per announcement) merged
/// with the direct messages addressed to them, newest first, with their own read state. Paging is by keyset over
/// (time, kind, id), so a page boundary inside a burst of equal times neither repeats nor skips an entry.
/// </summary>
public sealed class Inbox(HubDbContext db, AudienceResolver audiences, TimeProvider clock)
{
    private const int AnnouncementRank = 0;
    private const int MessageRank = 1;

    public async Task<InboxPage> PageAsync(SpacePerson person, InboxCursor? after, int limit, CancellationToken ct)
    {
        var audience = await audiences.ForAsync(person, ct);
        var announcements = Matching(audience);
        var messages = db.Set<DirectMessage>().AsNoTracking().Where(m => m.RecipientPersonId == person.Id);
        if (after is { } c)
        {
            announcements = c.Rank > AnnouncementRank
                ? announcements.Where(a => a.CreatedAt <= c.At)
                : announcements.Where(a => a.CreatedAt < c.At || (a.CreatedAt == c.At && a.Id < c.Id));
            messages = messages.Where(m => m.CreatedAt < c.At || (m.CreatedAt == c.At && m.Id < c.Id && c.Rank == MessageRank));
        }
        var reads = db.Set<AnnouncementRead>().Where(r => r.PersonId == person.Id);
        var fromAnnouncements = await announcements.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(limit + 1)
            .Select(a => new { a, Read = reads.Any(r => r.AnnouncementId == a.Id) }).ToListAsync(ct);
        var fromMessages = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit + 1)
            .Select(m => new { m, SenderHubId = db.Set<Identity.Registry.Person>().Where(p => p.Id == m.SenderPersonId).Select(p => p.HubId).FirstOrDefault() })
            .ToListAsync(ct);
        var merged = fromAnnouncements.Select(x => (Rank: AnnouncementRank, Item: new InboxItem("announcement", x.a.Id, x.a.Title, x.a.Body, x.a.SenderName, null, x.a.CreatedAt, x.Read, null)))
            .Concat(fromMessages.Select(x => (Rank: MessageRank, Item: new InboxItem("message", x.m.Id, x.m.Subject, x.m.Body, x.m.SenderName, x.SenderHubId, x.m.CreatedAt, x.m.ReadAt != null, x.m.Source))))
            .OrderByDescending(x => x.Item.CreatedAt).ThenByDescending(x => x.Rank).ThenByDescending(x => x.Item.Id)
            .Take(limit + 1).ToList();
        var next = merged.Count > limit ? new InboxCursor(merged[limit - 1].Item.CreatedAt, merged[limit - 1].Rank, merged[limit - 1].Item.Id).Encode() : null;
        var unread = await Matching(audience).CountAsync(a => !reads.Any(r => r.AnnouncementId == a.Id), ct)
            + await db.Set<DirectMessage>().CountAsync(m => m.RecipientPersonId == person.Id && m.ReadAt == null, ct);
        return new InboxPage([.. merged.Take(limit).Select(x => x.Item)], unread, next);
    }

    /// <summary>One announcement, if it reaches the person.</summary>
    public async Task<Announcement?> FindAnnouncementAsync(SpacePerson person, long id, CancellationToken ct) =>
        await Matching(await audiences.ForAsync(person, ct)).FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<DirectMessage?> FindMessageAsync(SpacePerson person, long id, CancellationToken ct) =>
        await db.Set<DirectMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.RecipientPersonId == person.Id, ct);

    /// <summary>Marks an announcement or message read for this person (the only per-recipient row an announcement ever gets).</summary>
    public async Task<bool> MarkReadAsync(SpacePerson person, string kind, long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (kind == "message")
        {
            return await db.Set<DirectMessage>().Where(m => m.Id == id && m.RecipientPersonId == person.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, m => m.ReadAt ?? now), ct) > 0;
        }
        if (await FindAnnouncementAsync(person, id, ct) is null)
        {
            return false;
        }
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO space_announcement_reads (announcement_id, person_id, read_at) VALUES ({id}, {person.Id}, {now}) ON CONFLICT DO NOTHING", ct);
        return true;
    }

    private IQueryable<Announcement> Matching(Audience a)
    {
        var now = clock.GetUtcNow();
        var (prefixes, roles, own, ownClasses, children, childClasses) = (a.RegionPrefixes, a.Roles, a.OwnSchools, a.OwnClasses, a.ChildSchools, a.ChildClasses);
        const short parent = (short)Identity.Registry.PersonRole.Parent;
        return db.Set<Announcement>().AsNoTracking().Where(x => x.WithdrawnAt == null && (x.ExpiresAt == null || x.ExpiresAt > now) && (
            x.SchoolCode == null
                ? prefixes.Contains(x.RegionPrefix) && (x.Roles.Length == 0 || x.Roles.Any(r => roles.Contains(r)))
                : (own.Contains(x.SchoolCode) && (x.ClassCode == null || ownClasses.Contains(x.SchoolCode + "/" + x.ClassCode))
                        && (x.Roles.Length == 0 || x.Roles.Any(r => roles.Contains(r))))
                    || (children.Contains(x.SchoolCode) && (x.ClassCode == null || childClasses.Contains(x.SchoolCode + "/" + x.ClassCode))
                        && (x.Roles.Length == 0 || x.Roles.Contains(parent)))));
    }
}

/// <summary>Keyset position in an inbox: time, kind rank (message above announcement at equal times) and id.</summary>
public sealed record InboxCursor(DateTimeOffset At, int Rank, long Id)
{
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{Rank}.{Id}");

    public static bool TryDecode(string? value, out InboxCursor? cursor)
    {
        cursor = null;
        if (value is null)
        {
            return true;
        }
        var parts = value.Split('.');
        if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is > 0 and < 3155378975999999999 && parts[1] is "0" or "1"
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            cursor = new InboxCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1] == "1" ? 1 : 0, id);
            return true;
        }
        return false;
    }
}
