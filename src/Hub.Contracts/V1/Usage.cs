namespace Hub.Contracts.V1;

/// <summary>
/// Usage events of resources (platform → hub), in the shape of specs/data usage-event.schema.json; the platform is the
/// sender. Each event counts once however often it is delivered (idempotent by <see cref="UsageEvent.EventId"/>), and
/// is aggregated per resource, school, region and day (China time). Answered with <see cref="UsageAccepted"/>.
/// </summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id (checked against the exchange it arrived through).</param>
/// <param name="SchemaVersion">Contract version, <see cref="ExchangeNames.SchemaVersion"/>.</param>
/// <param name="Events">Up to 5000 events.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record UsageRecorded(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<UsageEvent> Events,
    DateTimeOffset SentAt);

/// <summary>One usage event.</summary>
/// <param name="EventId">UUID made by the platform where it happened; globally unique.</param>
/// <param name="Type">view, download, favourite, rate, complete or time_spent (codes/usage-event-types.json).</param>
/// <param name="Person">The person's hub id (P…).</param>
/// <param name="Resource">The hub resource id, or the provider platform and its sourceId.</param>
/// <param name="OccurredAt">When, with its offset.</param>
/// <param name="Rating">rate: 1–5.</param>
/// <param name="Seconds">time_spent: 1–86400.</param>
/// <param name="Favourite">favourite: true to add, false to remove.</param>
/// <param name="Progress">complete: 0–100.</param>
public sealed record UsageEvent(
    Guid EventId,
    string Type,
    string Person,
    UsageResource Resource,
    DateTimeOffset OccurredAt,
    int? Rating,
    int? Seconds,
    bool? Favourite,
    int? Progress);

/// <summary>The resource of an event: <paramref name="Id"/>, or <paramref name="PlatformId"/> and <paramref name="SourceId"/>.</summary>
/// <param name="Id">Hub resource id (R…).</param>
/// <param name="PlatformId">The provider platform's client id.</param>
/// <param name="SourceId">The provider's own id.</param>
public sealed record UsageResource(string? Id, string? PlatformId, string? SourceId);

/// <summary>
/// The hub's answer to one usage batch (hub → platform): how many events were new, how many it already held (a
/// redelivery or a repeat: counted once), and the events it refused with their reason (key = event id).
/// </summary>
/// <param name="BatchId">The batch answered.</param>
/// <param name="Accepted">Events stored and aggregated now.</param>
/// <param name="Duplicates">Events the hub already held.</param>
/// <param name="Rejected">Events refused, each with a stable error code.</param>
/// <param name="AnsweredAt">When the hub committed the batch.</param>
public sealed record UsageAccepted(
    Guid BatchId,
    int Accepted,
    int Duplicates,
    IReadOnlyList<RecordRejection> Rejected,
    DateTimeOffset AnsweredAt);
