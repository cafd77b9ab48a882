namespace Hub.Server.Space.Messages;

/// <summary>An announcement to send: either a region or a school (optionally one class), optionally only some roles.</summary>
public sealed record AnnouncementRequest(string? Title, string? Body, string? RegionCode, string? SchoolCode, string? ClassCode,
    int[]? Roles, DateTimeOffset? ExpiresAt);

public sealed record AnnouncementView(long Id, string Title, string Body, string SenderName, string? RegionCode, string? SchoolCode,
    string? ClassCode, IReadOnlyList<int> Roles, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? WithdrawnAt);

public sealed record AnnouncementPage(IReadOnlyList<AnnouncementView> Items, string? Next);

/// <summary>A direct message to send; <c>replyTo</c> answers a message the sender received.</summary>
public sealed record DirectMessageRequest(string? RecipientHubId, string? Subject, string? Body, long? ReplyTo);

/// <summary>One inbox entry: kind "announcement" or "message"; read is per person.</summary>
public sealed record InboxItem(string Kind, long Id, string Title, string Body, string SenderName, string? SenderHubId,
    DateTimeOffset CreatedAt, bool Read, string? Source);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Unread, string? Next);

public sealed record SentMessageView(long Id, string RecipientHubId, string RecipientName, string Subject, string Body,
    DateTimeOffset CreatedAt, bool Read);

/// <summary>Someone the person may write to, and why (role at a shared school, or a linked student's teacher).</summary>
public sealed record ContactView(string HubId, string Name, string Relation, string SchoolCode, string? ClassCode);
