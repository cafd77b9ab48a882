namespace Hub.Contracts.V1;

/// <summary>A batch of schools the platform created or changed (platform → hub).</summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="SchemaVersion">Contract version.</param>
/// <param name="Changes">Up to 1000 organizations.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record OrganizationsChanged(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<OrganizationChange> Changes,
    DateTimeOffset SentAt);

/// <summary>One school as the platform holds it now (fields and rules as in specs/data/organization.md, attachment 3).</summary>
/// <param name="Code">学校标识码, 10 digits.</param>
/// <param name="Version">Per-entity version at the source; only grows.</param>
/// <param name="ChangedAt">When the source changed it.</param>
/// <param name="Name">Full name.</param>
/// <param name="SchoolType">School type code (specs/data code list <c>school-types</c>).</param>
/// <param name="RegionCode">GB/T 2260 code of its county.</param>
/// <param name="Bandwidth">Internet bandwidth like "100M".</param>
/// <param name="ClassCount">Number of classes.</param>
/// <param name="MultimediaClassCount">Classes with multimedia equipment.</param>
/// <param name="MobileTerminalClassCount">Classes with mobile terminals.</param>
/// <param name="TeacherCount">Number of teachers.</param>
/// <param name="StudentCount">Number of students.</param>
public sealed record OrganizationChange(
    string Code,
    long Version,
    DateTimeOffset ChangedAt,
    string? Name,
    string? SchoolType,
    string? RegionCode,
    string? Bandwidth,
    int? ClassCount,
    int? MultimediaClassCount,
    int? MobileTerminalClassCount,
    int? TeacherCount,
    int? StudentCount);

/// <summary>Organizations the platform deleted (platform → hub); the hub closes them if this platform is their source.</summary>
/// <param name="BatchId">Chosen by the sender.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="SchemaVersion">Contract version.</param>
/// <param name="Removals">Codes with the deletion's version.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record OrganizationsRemoved(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<EntityRemoval> Removals,
    DateTimeOffset SentAt);
