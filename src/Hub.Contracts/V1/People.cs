namespace Hub.Contracts.V1;

/// <summary>
/// A batch of people the platform created or changed (platform → hub). The hub applies each change only when its
/// <see cref="PersonChange.Version"/> is newer than the one it holds for that local id, so a batch delivered twice or
/// out of order converges to the same state. The hub answers with <see cref="IdentitiesAssigned"/>.
/// </summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id (checked against the exchange it arrived through).</param>
/// <param name="SchemaVersion">Contract version of the records, <see cref="ExchangeNames.SchemaVersion"/>.</param>
/// <param name="Changes">Up to 1000 people.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record PeopleChanged(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<PersonChange> Changes,
    DateTimeOffset SentAt);

/// <summary>One person as the platform holds it now (the whole record, not a difference).</summary>
/// <param name="LocalId">The platform's own key of the person.</param>
/// <param name="Version">Per-entity version at the source; only grows.</param>
/// <param name="ChangedAt">When the source changed the record.</param>
/// <param name="Name">Name as on the document.</param>
/// <param name="Document">Identity document, or null (then a student number is required).</param>
/// <param name="StudentNumber">全国学籍号 (G…, J… or L…), or null.</param>
/// <param name="Roles">Role codes (specs/data code list <c>roles</c>).</param>
/// <param name="RegionCode">GB/T 2260 code of the region responsible for the person.</param>
/// <param name="Gender">0 unknown, 1 male, 2 female.</param>
/// <param name="BirthDate">Birth date when known.</param>
/// <param name="Affiliations">Schools or bureaus the person belongs to, with role.</param>
public sealed record PersonChange(
    string LocalId,
    long Version,
    DateTimeOffset ChangedAt,
    string? Name,
    PersonDocument? Document,
    string? StudentNumber,
    IReadOnlyList<int>? Roles,
    string? RegionCode,
    int? Gender,
    DateOnly? BirthDate,
    IReadOnlyList<PersonAffiliationRecord>? Affiliations);

/// <summary>An identity document: type code (specs/data code list <c>document-types</c>) and number.</summary>
/// <param name="Type">Document type code.</param>
/// <param name="Number">The number as printed.</param>
public sealed record PersonDocument(int Type, string Number);

/// <summary>Membership of a person in an organization.</summary>
/// <param name="OrganizationCode">学校标识码 or bureau code.</param>
/// <param name="Role">Role code at that organization.</param>
/// <param name="ValidFrom">First day; null means since ever.</param>
public sealed record PersonAffiliationRecord(string OrganizationCode, int Role, DateOnly? ValidFrom);

/// <summary>
/// People the platform deleted (tombstones, platform → hub). The hub unlinks them from the platform; the national
/// identity stays. A batch that would remove more than the configured share of the platform's people is held for an
/// operator.
/// </summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="SchemaVersion">Contract version.</param>
/// <param name="Removals">Up to 1000 removals.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record PeopleRemoved(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<EntityRemoval> Removals,
    DateTimeOffset SentAt);

/// <summary>A deleted entity: its key and the version of the deletion (newer than any version of the entity).</summary>
/// <param name="Key">The platform's local id (people) or the organization code.</param>
/// <param name="Version">Version of the deletion at the source.</param>
/// <param name="RemovedAt">When the source deleted it.</param>
public sealed record EntityRemoval(string Key, long Version, DateTimeOffset RemovedAt);

/// <summary>A platform changed its own keys of people (platform → hub); the hub moves the links.</summary>
/// <param name="BatchId">Chosen by the sender.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="SchemaVersion">Contract version.</param>
/// <param name="Changes">Old and new local ids.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record KeysChanged(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<LocalKeyChange> Changes,
    DateTimeOffset SentAt);

/// <summary>One key change.</summary>
/// <param name="OldLocalId">The key the hub knows.</param>
/// <param name="NewLocalId">The key from now on.</param>
/// <param name="Version">Version of the change at the source.</param>
/// <param name="ChangedAt">When the source changed it.</param>
public sealed record LocalKeyChange(string OldLocalId, string NewLocalId, long Version, DateTimeOffset ChangedAt);
