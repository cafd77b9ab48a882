namespace Hub.Server.Pilot;

/// <summary>Who applies to whom: the notice's two routes.</summary>
public enum PilotApplicationKind
{
    /// <summary>A provincial 电教 department's summarized submission to the centre (attachments 2, 3 and 4).</summary>
    Provincial = 1,

    /// <summary>An earlier pilot city or county applying directly to its provincial department (attachments 2 and 3).</summary>
    Direct = 2,
}

public enum PilotApplicationStatus
{
    Draft = 0,
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
    Published = 4,
}

/// <summary>
/// One pilot application (体系试点申报). The forms are kept as the applicant's document (<see cref="ContentJson"/>,
/// jsonb): a draft may be incomplete, and once submitted the document is frozen and was validated as a whole, so the
/// views and exports read it back through the same validator. School rows are never copied: exports read the registry.
/// </summary>
public sealed class PilotApplication
{
    public long Id { get; set; }
    public PilotApplicationKind Kind { get; set; }

    /// <summary>The applicant's region: a province (provincial) or a city or county (direct).</summary>
    public required string RegionCode { get; set; }

    public PilotApplicationStatus Status { get; set; }

    /// <summary>The forms as <see cref="PilotApplicationInput"/> serialized (camelCase JSON).</summary>
    public required string ContentJson { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>From the hub's global change sequence; optimistic concurrency (expectedVersion) uses it.</summary>
    public long ChangeVersion { get; set; }
}

/// <summary>One expert's scoring of one application: a score per indicator and an opinion. One row per expert.</summary>
public sealed class PilotScoring
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string Expert { get; set; }

    /// <summary>Indicator key → score, as JSON (the indicator system is configuration, so no column per indicator).</summary>
    public required string ScoresJson { get; set; }

    public required string Opinion { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
