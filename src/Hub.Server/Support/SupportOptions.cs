using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Support;

/// <summary>A service level: how soon the support side must respond to and resolve one kind of request at one urgency.</summary>
public sealed class ServiceLevel
{
    [Required]
    public string Kind { get; set; } = "";

    [Required]
    public string Urgency { get; set; } = "";

    public TimeSpan Response { get; set; }
    public TimeSpan Resolution { get; set; }
}

/// <summary>
/// The support platform's configuration (section "Support"): service levels per kind × urgency (every pair must be
/// covered, either by a configured entry or by the defaults), when resolved requests close by themselves, how often
/// the checker runs, and the attachment limits.
/// </summary>
public sealed class SupportOptions : IValidatableObject
{
    public const string SectionName = "Support";

    /// <summary>A resolved request the school neither confirms nor reopens closes after this (default 7 days).</summary>
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the background checker flags breaches, escalates, auto-closes and retries routing.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests the checker handles per round (rows are claimed with SKIP LOCKED, so replicas share the work).</summary>
    [Range(1, 10_000)]
    public int CheckBatchSize { get; set; } = 500;

    [Range(1, 10 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 2 * 1024 * 1024;

    [Range(1, 100)]
    public int MaxAttachmentsPerRequest { get; set; } = 10;

    // Configuration binding appends to a list that has defaults, so the defaults apply only to pairs not configured.
    public List<ServiceLevel> ServiceLevels { get; set; } = [];

    /// <summary>Defaults by urgency (calendar time): critical 30 min / 4 h, high 2 h / 1 day, normal 4 h / 3 days, low 1 day / 7 days.</summary>
    public static (TimeSpan Response, TimeSpan Resolution) Default(SupportUrgency urgency) => urgency switch
    {
        SupportUrgency.Critical => (TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)),
        SupportUrgency.High => (TimeSpan.FromHours(2), TimeSpan.FromDays(1)),
        SupportUrgency.Normal => (TimeSpan.FromHours(4), TimeSpan.FromDays(3)),
        _ => (TimeSpan.FromDays(1), TimeSpan.FromDays(7)),
    };

    /// <summary>The targets for <paramref name="kind"/> × <paramref name="urgency"/>: the configured entry, else the default.</summary>
    public (TimeSpan Response, TimeSpan Resolution) For(SupportKind kind, SupportUrgency urgency) =>
        ServiceLevels.FirstOrDefault(l => l.Kind == SupportCodes.Wire(kind) && l.Urgency == SupportCodes.Wire(urgency)) is { } level
            ? (level.Response, level.Resolution)
            : Default(urgency);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AutoCloseAfter <= TimeSpan.Zero || CheckInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Support: AutoCloseAfter and CheckInterval must be positive");
        }
        var seen = new HashSet<(string, string)>();
        foreach (var level in ServiceLevels)
        {
            if (SupportCodes.Parse<SupportKind>(level.Kind) is null || SupportCodes.Parse<SupportUrgency>(level.Urgency) is null)
            {
                yield return new ValidationResult($"Support:ServiceLevels: unknown kind or urgency '{level.Kind}'/'{level.Urgency}'");
            }
            if (level.Response <= TimeSpan.Zero || level.Resolution < level.Response)
            {
                yield return new ValidationResult($"Support:ServiceLevels ({level.Kind}/{level.Urgency}): Response > 0 and Resolution ≥ Response");
            }
            if (!seen.Add((level.Kind, level.Urgency)))
            {
                yield return new ValidationResult($"Support:ServiceLevels: {level.Kind}/{level.Urgency} is configured twice");
            }
        }
    }
}
