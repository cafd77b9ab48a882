namespace Hub.Contracts.V1;

/// <summary>
/// The hub's answer to one batch (hub → platform): the hub id of every applied or already known record, the records
/// rejected with their reason, and the records that opened a review case. Every record of the batch appears once.
/// </summary>
/// <param name="BatchId">The batch answered.</param>
/// <param name="Entity">"people" or "organizations".</param>
/// <param name="Assigned">Records the hub holds now (applied, or already as new or newer).</param>
/// <param name="Rejected">Records not applied, each with a stable error code.</param>
/// <param name="Conflicts">Applied records whose facts contradict the registry; a review case decides.</param>
/// <param name="AnsweredAt">When the hub committed the batch.</param>
public sealed record IdentitiesAssigned(
    Guid BatchId,
    string Entity,
    IReadOnlyList<IdentityAssignment> Assigned,
    IReadOnlyList<RecordRejection> Rejected,
    IReadOnlyList<IdentityConflict> Conflicts,
    DateTimeOffset AnsweredAt);

/// <summary>A platform key and the hub's id for it.</summary>
/// <param name="Key">The platform's local id (people) or the school code.</param>
/// <param name="HubId">The national id (people) or the school code.</param>
/// <param name="Version">The version the hub holds for the key.</param>
/// <param name="Outcome">"created", "updated", "linked", "unchanged", "stale" (an older version than the hub's) or "removed".</param>
public sealed record IdentityAssignment(string Key, string HubId, long Version, string Outcome);

/// <summary>A record the hub did not apply.</summary>
/// <param name="Key">The record's key as sent.</param>
/// <param name="Version">The record's version as sent.</param>
/// <param name="Code">Stable error code from specs/errors.md, e.g. HUB-ID-0001.</param>
/// <param name="Field">The offending field, e.g. "document.number".</param>
/// <param name="MessageZh">Reason in Chinese.</param>
/// <param name="Message">Reason in English.</param>
public sealed record RecordRejection(string Key, long Version, string Code, string? Field, string MessageZh, string Message);

/// <summary>A record that matched a person whose registered facts differ (e.g. the name); kept for review.</summary>
/// <param name="Key">The platform's local id.</param>
/// <param name="HubId">The person it matched.</param>
/// <param name="ReviewCaseId">The review case opened (or already open).</param>
/// <param name="Reason">What differs.</param>
public sealed record IdentityConflict(string Key, string HubId, long ReviewCaseId, string Reason);

/// <summary>
/// A removal batch exceeded the deletion threshold and waits for an operator (hub → platform). Nothing of it was
/// applied; the platform is told so it does not report success.
/// </summary>
/// <param name="BatchId">The batch held.</param>
/// <param name="Entity">"people".</param>
/// <param name="HoldId">The hold an operator confirms or discards.</param>
/// <param name="Removals">Removals in the batch.</param>
/// <param name="ShareOfPlatform">Share of the platform's people the removals (with recent ones) would remove.</param>
/// <param name="HeldAt">When the hub held the batch.</param>
public sealed record RemovalsHeld(Guid BatchId, string Entity, long HoldId, int Removals, double ShareOfPlatform, DateTimeOffset HeldAt);
