namespace Hub.Contracts.V1;

/// <summary>
/// A support request missed a service-level target (技术支持服务时限). Published by the hub through its transactional
/// outbox when its checker flags the breach, at most once per request and kind of target; the operator console's
/// alerting consumes it.
/// </summary>
/// <param name="RequestNumber">The request's number, e.g. "SR-440305-2026-000123".</param>
/// <param name="SchoolCode">The school's 10-digit code (学校标识码).</param>
/// <param name="SchoolRegionCode">The school's GB/T 2260 region code.</param>
/// <param name="RequestKind">equipment_fault, network, platform_access, guidance or training.</param>
/// <param name="Urgency">low, normal, high or critical.</param>
/// <param name="Breach">"response" (nobody responded in time) or "resolution" (not resolved in time).</param>
/// <param name="DueAt">The target that was missed.</param>
/// <param name="DetectedAt">When the hub flagged it.</param>
/// <param name="AssignedRegionCode">Region of the team or expert the request was with, or null when it was unrouted.</param>
/// <param name="EscalatedToRegionCode">The level above it was escalated to, or null when there is no level above.</param>
/// <param name="Reassigned">True when the escalation moved the request to a team or expert of that level.</param>
public sealed record SupportServiceLevelBreached(
    string RequestNumber,
    string SchoolCode,
    string SchoolRegionCode,
    string RequestKind,
    string Urgency,
    string Breach,
    DateTimeOffset DueAt,
    DateTimeOffset DetectedAt,
    string? AssignedRegionCode,
    string? EscalatedToRegionCode,
    bool Reassigned);
