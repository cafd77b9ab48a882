namespace Hub.Contracts.V1;

/// <summary>
/// A batch of resource metadata a platform created or changed (platform → hub), in the shape of specs/data
/// resource.schema.json. The hub applies each record only when its <see cref="ResourceRecord.Version"/> is newer than
/// the one it holds for (sending platform, sourceId), so duplicates and reordering converge. A new record, or one
/// whose content (location or checksum) changed, waits for content review at its origin level before it enters the
/// catalog. Answered with <see cref="IdentitiesAssigned"/> (entity "resources": key = sourceId, hubId = resource id).
/// </summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id (checked against the exchange it arrived through).</param>
/// <param name="SchemaVersion">Contract version of the records, <see cref="ExchangeNames.SchemaVersion"/>.</param>
/// <param name="Changes">Up to 1000 resources.</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record ResourcesChanged(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<ResourceRecord> Changes,
    DateTimeOffset SentAt);

/// <summary>One resource as its provider holds it now (the whole record), as in specs/data resource.schema.json.</summary>
/// <param name="SourceId">The provider's own id, 1–128 characters; unique per provider platform.</param>
/// <param name="Version">Per-entity version at the source; only grows.</param>
/// <param name="Title">题名, 1–200 characters.</param>
/// <param name="Description">描述, up to 2000 characters.</param>
/// <param name="Keywords">Up to 20 keywords of 1–50 characters.</param>
/// <param name="Subject">学科 code (specs/data codes/subjects.json).</param>
/// <param name="Stage">学段 code (codes/stages.json).</param>
/// <param name="Grades">Grades 1–12.</param>
/// <param name="Textbook">教材: edition (版本), volume (册次), chapter path.</param>
/// <param name="ResourceType">资源类型 code (codes/resource-types.json).</param>
/// <param name="Format">IANA media type, e.g. video/mp4.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Duration">Seconds of audio or video (required for micro_lecture and lesson_recording).</param>
/// <param name="Language">BCP 47 tag, e.g. zh-CN.</param>
/// <param name="Licence">free, paid (with price) or procured (with the procuring region).</param>
/// <param name="Provider">Who provides it; platformId, when given, must be the sender.</param>
/// <param name="Origin">Level and region (school) where it entered the system; it is reviewed there and aggregates upwards from there.</param>
/// <param name="Location">Where the content is (https); the hub stores metadata only.</param>
/// <param name="Checksum">SHA-256 of the content.</param>
public sealed record ResourceRecord(
    string SourceId,
    long Version,
    string Title,
    string? Description,
    IReadOnlyList<string>? Keywords,
    string Subject,
    string Stage,
    IReadOnlyList<int>? Grades,
    ResourceTextbook? Textbook,
    string ResourceType,
    string Format,
    long? Size,
    int? Duration,
    string Language,
    ResourceLicence Licence,
    ResourceProvider Provider,
    ResourceOrigin Origin,
    ResourceLocation Location,
    ResourceChecksum Checksum);

/// <summary>教材.</summary>
/// <param name="Edition">教材版本, e.g. 统编版.</param>
/// <param name="Volume">册次, e.g. 七年级上册.</param>
/// <param name="Chapter">章节 path, outermost first (1–6 parts).</param>
public sealed record ResourceTextbook(string Edition, string? Volume, IReadOnlyList<string>? Chapter);

/// <summary>使用许可.</summary>
/// <param name="Kind">free, paid or procured.</param>
/// <param name="RegionCode">procured: the procuring region (free within its subtree).</param>
/// <param name="Price">paid: price in yuan.</param>
public sealed record ResourceLicence(string Kind, string? RegionCode, decimal? Price);

/// <summary>提供方.</summary>
/// <param name="PlatformId">The provider platform's id; the sender when omitted.</param>
/// <param name="Name">Display name, 1–100 characters.</param>
/// <param name="OrganizationCode">School code or EB + region code of the providing organization.</param>
public sealed record ResourceProvider(string? PlatformId, string Name, string? OrganizationCode);

/// <summary>来源层级与区划.</summary>
/// <param name="Level">national, province, city, county or school.</param>
/// <param name="RegionCode">GB/T 2260 code of that level (absent for national).</param>
/// <param name="SchoolCode">School code (level school).</param>
public sealed record ResourceOrigin(string Level, string? RegionCode, string? SchoolCode);

/// <summary>访问地址.</summary>
/// <param name="Url">https URL of the content.</param>
/// <param name="PreviewUrl">https URL of a preview.</param>
public sealed record ResourceLocation(string Url, string? PreviewUrl);

/// <summary>内容摘要.</summary>
/// <param name="Algorithm">sha256.</param>
/// <param name="Value">64 lower-case hex digits.</param>
public sealed record ResourceChecksum(string Algorithm, string Value);

/// <summary>
/// Resources the platform withdrew (platform → hub): each is withdrawn from every catalog (national, province, city,
/// county) and from every space it was pushed to, in one change. Keys are sourceIds; answered with
/// <see cref="IdentitiesAssigned"/> (outcome "removed" or "stale").
/// </summary>
/// <param name="BatchId">Chosen by the sender; echoed in the answer.</param>
/// <param name="SourcePlatform">The sending platform's id.</param>
/// <param name="SchemaVersion">Contract version.</param>
/// <param name="Removals">Up to 1000 removals (key = sourceId).</param>
/// <param name="SentAt">When the adapter created the batch.</param>
public sealed record ResourcesRemoved(
    Guid BatchId,
    string SourcePlatform,
    string SchemaVersion,
    IReadOnlyList<EntityRemoval> Removals,
    DateTimeOffset SentAt);

/// <summary>
/// A content review decision on one of the platform's resources (hub → the provider platform): approved resources are
/// in the catalogs of the origin level and every level above it; rejected ones carry the reviewers' reasons.
/// </summary>
/// <param name="ResourceId">The hub's resource id (R…).</param>
/// <param name="SourceId">The platform's own id.</param>
/// <param name="Version">The version that was reviewed.</param>
/// <param name="Status">approved, rejected or withdrawn.</param>
/// <param name="Level">The level that decided (national, province, city, county).</param>
/// <param name="RegionCode">The deciding region ("000000" national).</param>
/// <param name="Reasons">Reasons of a rejection or withdrawal; empty for an approval.</param>
/// <param name="ReviewedAt">When the decision was committed.</param>
public sealed record ResourceReviewed(
    string ResourceId,
    string SourceId,
    long Version,
    string Status,
    string Level,
    string RegionCode,
    IReadOnlyList<string> Reasons,
    DateTimeOffset ReviewedAt);
