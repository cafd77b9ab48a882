using System.Globalization;
using Hub.Contracts.V1;

namespace Hub.Server.Catalog;

/// <summary>The review state of a resource as the API shows it.</summary>
public sealed record ResourceReviewView(string Status, string? Level, DateTimeOffset? At, string[] Reasons);

/// <summary>A resource as the API returns it: the metadata in the shape of specs/data resource.schema.json plus the hub's fields.</summary>
public sealed record ResourceView(string Id, string SourceId, long Version, string Title, string? Description, string[] Keywords, string Subject,
    string Stage, short[] Grades, ResourceTextbook? Textbook, string ResourceType, string Format, long? Size, int? Duration, string Language,
    ResourceLicence Licence, ResourceProvider Provider, ResourceOrigin Origin, ResourceLocation Location, ResourceChecksum Checksum,
    ResourceReviewView Review, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long ChangeVersion);

/// <summary>A page of resources; continue with <c>after = Next</c>.</summary>
public sealed record ResourcePage(IReadOnlyList<ResourceView> Items, string? Next);

public static class CatalogViews
{
    public static ResourceView From(CatalogResource r) => new(
        r.ResourceId, r.SourceId, r.SourceVersion, r.Title, r.Description, r.Keywords, r.Subject, r.Stage, r.Grades,
        r.TextbookEdition is null ? null : new ResourceTextbook(r.TextbookEdition, r.TextbookVolume, r.Chapter.Length == 0 ? null : r.Chapter),
        r.ResourceType, r.Format, r.Size, r.Duration, r.Language,
        new ResourceLicence(r.LicenceKind, r.LicenceRegionCode, r.Price),
        new ResourceProvider(r.ProviderId.StartsWith("vendor:", StringComparison.Ordinal) ? r.ProviderId["vendor:".Length..] : r.ProviderId, r.ProviderName,
            r.ProviderOrganizationCode),
        new ResourceOrigin(r.OriginLevel, r.OriginLevel == "national" ? null : r.OriginRegionCode, r.OriginSchoolCode),
        new ResourceLocation(r.LocationUrl, r.PreviewUrl), new ResourceChecksum("sha256", r.Checksum),
        new ResourceReviewView(Status(r.Status), r.ReviewedAt is null ? null : ReviewLevel(r), r.ReviewedAt, r.Reasons),
        r.SubmittedAt, r.UpdatedAt, r.ChangeVersion);

    public static string Status(ResourceStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The level that reviews a resource: its origin level, a school's county reviewing for it.</summary>
    public static string ReviewLevel(CatalogResource r) => r.OriginLevel == "school" ? "county" : r.OriginLevel;

    /// <summary>Keyset cursor over the catalog's order (id, newest first).</summary>
    public static string Cursor(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static bool TryCursor(string? after, out long? id)
    {
        id = null;
        if (after is null)
        {
            return true;
        }
        if (after.Length <= 19 && long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            id = value;
            return true;
        }
        return false;
    }
}
