namespace Hub.Server.Support;

/// <summary>
/// One support request (服务请求) of a school: what is wrong, where it is routed, where it stands in the lifecycle and
/// against its service levels. Never deleted; cancelled and closed requests stay for the statistics.
/// </summary>
public sealed class SupportRequest
{
    public long Id { get; set; }

    /// <summary>SR-{county}-{year}-{sequence}: what schools and staff quote on the phone.</summary>
    public required string Number { get; set; }

    public long SchoolId { get; set; }
    public required string SchoolCode { get; set; }

    /// <summary>The school's region when the request was filed: routing and the database check use this chain.</summary>
    public required string SchoolRegionCode { get; set; }

    public SupportKind Kind { get; set; }
    public SupportUrgency Urgency { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public string? Classroom { get; set; }
    public long? DeviceId { get; set; }

    /// <summary>Guidance requests: the subject and stage the expert must cover.</summary>
    public string? Subject { get; set; }
    public SchoolStage? Stage { get; set; }

    public SupportStatus Status { get; set; }

    /// <summary>Exactly one of team and expert when assigned; <see cref="AssignedRegionCode"/> is theirs.</summary>
    public long? AssignedTeamId { get; set; }
    public long? AssignedExpertId { get; set; }
    public string? AssignedRegionCode { get; set; }

    /// <summary>The person working on it (a team member, or the expert); null until someone takes it.</summary>
    public long? AssigneePersonId { get; set; }

    /// <summary>The level above that a breach escalated the request to (it watches, and takes over when nobody started).</summary>
    public string? EscalatedRegionCode { get; set; }

    /// <summary>Audit actor of whoever filed it (school account, or platform acting for the school).</summary>
    public required string FiledBy { get; set; }

    /// <summary>The person who reported it (notifications go to their space); null when a platform named nobody.</summary>
    public long? ReporterPersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>First response by the support side (taking it up, or a comment): the response target measures this.</summary>
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset ResponseDueAt { get; set; }

    /// <summary>Moves later by the time the request waits for the school (the clock stops while the school has the ball).</summary>
    public DateTimeOffset ResolutionDueAt { get; set; }

    /// <summary>Set while the request waits for the school or is resolved: the resolution clock is stopped.</summary>
    public DateTimeOffset? ClockStoppedAt { get; set; }

    public DateTimeOffset? ResponseBreachedAt { get; set; }
    public DateTimeOffset? ResolutionBreachedAt { get; set; }

    public string? Resolution { get; set; }
    public short? Rating { get; set; }
    public string? RatingRemark { get; set; }

    /// <summary>Optimistic concurrency: every change increments it; a writer that read an older version gets 409.</summary>
    public int Version { get; set; }

    public List<SupportTransition> History { get; set; } = [];
}

/// <summary>One step of the lifecycle: from, to, which action, who, when, why.</summary>
public sealed class SupportTransition
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public SupportStatus? From { get; set; }
    public SupportStatus To { get; set; }
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum CommentSide : short
{
    School = 1,
    Support = 2,
}

/// <summary>A comment from the school or the support side; internal notes are for the support side only.</summary>
public sealed class SupportComment
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public CommentSide Side { get; set; }
    public bool Internal { get; set; }
    public required string Actor { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A small file (photo of the fault, screenshot, log) kept in the database, type checked by its content.</summary>
public sealed class SupportAttachment
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required byte[] Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

public enum BreachKind : short
{
    Response = 1,
    Resolution = 2,
}

/// <summary>A flagged service-level breach and where it escalated to; one per request and kind.</summary>
public sealed class SupportBreach
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public BreachKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public string? FromRegionCode { get; set; }
    public string? EscalatedToRegionCode { get; set; }
}

/// <summary>Per county and year, the last request number handed out (SR-440305-2026-000123).</summary>
public sealed class SupportNumberCounter
{
    public required string RegionCode { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}
