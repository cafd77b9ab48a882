using Hub.Server.Regions;

namespace Hub.Server.Apps;

internal static class AppViews
{
    public static LocalizedName CategoryName(AppCategory category) => new(AppCategories.Label(category), AppCategories.EnglishLabel(category));

    public static string Status(AppSelectionStatus status) => status.ToString().ToLowerInvariant();

    public static AppView From(VendorApp a) => new(
        a.AppId,
        a.VendorClientId,
        a.Name,
        a.Description,
        AppCategories.Code(a.Category),
        CategoryName(a.Category),
        a.RedirectUris,
        a.PostLogoutRedirectUris,
        a.Scopes,
        new AppContact(a.ContactName, a.ContactEmail, a.ContactPhone),
        a.Status.ToString().ToLowerInvariant(),
        a.OidcClientId,
        a.CreatedAt,
        a.UpdatedAt);

    public static SelectionView From(AppSelection s, VendorApp app, RegionCatalog regions) => new(
        s.Id,
        app.AppId,
        app.Name,
        s.RegionCode,
        regions.TryGet(s.RegionCode, out var region) ? region.Name : null,
        Status(s.Status),
        s.Note,
        s.AppliedBy,
        s.AppliedAt,
        s.TestNotes,
        s.Reasons,
        s.DecidedBy,
        s.DecidedAt,
        s.WithdrawnAt);

    public static SelectedAppView Selected(VendorApp a, AppSelection by, RegionCatalog regions) => new(
        a.AppId,
        a.Name,
        a.Description,
        AppCategories.Code(a.Category),
        CategoryName(a.Category),
        by.RegionCode,
        regions.TryGet(by.RegionCode, out var region) ? region.Name : null,
        by.DecidedAt ?? by.AppliedAt);

    public static AppSelectionStatus? ParseStatus(string? value) => value switch
    {
        "applied" => AppSelectionStatus.Applied,
        "approved" => AppSelectionStatus.Approved,
        "rejected" => AppSelectionStatus.Rejected,
        "withdrawn" => AppSelectionStatus.Withdrawn,
        _ => null,
    };
}
