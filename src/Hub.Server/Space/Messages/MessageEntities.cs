namespace Hub.Server.Space.Messages;

public enum SenderKind : short
{
    /// <summary>A platform or an operator, within its jurisdiction.</summary>
    Jurisdiction = 0,

    /// <summary>A teacher or school staff member, to their own school or class.</summary>
    Teacher = 1,
}

/// <summary>
/// A notice to everyone a target describes: a region subtree, or a school (optionally one class), optionally only some
/// roles. One row, however many recipients: who it reaches is worked out when someone reads their inbox, and the only
/// per-person rows are <see cref="AnnouncementRead"/>s, written when a person opens it.
/// </summary>
public sealed class Announcement
{
    public long Id { get; set; }
    public required string SenderActor { get; set; }
    public required string SenderName { get; set; }
    public SenderKind SenderKind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Significant prefix of the target region ("" national, "44", "4403", "440305"); a person matches by equality with one of their region's prefixes.</summary>
    public required string RegionPrefix { get; set; }

    /// <summary>The target region as a 6-digit code ("000000" for national).</summary>
    public required string RegionCode { get; set; }

    /// <summary>Set for a school (and class) target; the region is then the school's.</summary>
    public string? SchoolCode { get; set; }
    public string? ClassCode { get; set; }

    /// <summary>Roles reached (0–4); empty means everyone the target describes.</summary>
    public short[] Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>That a person opened an announcement, and when.</summary>
public sealed class AnnouncementRead
{
    public long AnnouncementId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A message to one person, from another person or from a hub service (no sender person, e.g. technical support).</summary>
public sealed class DirectMessage
{
    public long Id { get; set; }
    public long? SenderPersonId { get; set; }
    public required string SenderName { get; set; }

    /// <summary>"person" for messages between people; a service's own name otherwise (e.g. "support:ticket/123").</summary>
    public required string Source { get; set; }
    public long RecipientPersonId { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public long? ReplyToId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
