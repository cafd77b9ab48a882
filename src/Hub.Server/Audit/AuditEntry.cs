namespace Hub.Server.Audit;

/// <summary>
/// One audited action: who did what to which subject, why, and with what outcome. Written in the same
/// transaction as the action it records, so an action without its entry cannot be committed.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who acted: an account id, a client id or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>Stable action name, e.g. "person.document.read".</summary>
    public required string Action { get; set; }

    public required string SubjectType { get; set; }
    public string? SubjectId { get; set; }

    /// <summary>Why the actor needed this (mandatory for reads of full personal values).</summary>
    public string? Purpose { get; set; }

    /// <summary>Region code of the actor's jurisdiction, when it has one.</summary>
    public string? RegionCode { get; set; }

    public required string Outcome { get; set; }
    public string? TraceId { get; set; }
}
