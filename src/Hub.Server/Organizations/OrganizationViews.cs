using Hub.Server.Regions;

namespace Hub.Server.Organizations;

internal static class OrganizationViews
{
    public static OrganizationView From(Organization o, RegionCatalog regions) => new(
        o.Code,
        o.Kind == OrganizationKind.School ? "school" : "bureau",
        o.Name,
        o.RegionCode,
        regions.TryGet(o.RegionCode, out var region) ? region.Name : null,
        o.Level.ToString().ToLowerInvariant(),
        o.SchoolType is { } type ? SchoolTypes.Label(type) : null,
        o.BandwidthMbps is { } mbps ? Bandwidth.Format(mbps) : null,
        o.ClassCount,
        o.MultimediaClassCount,
        o.MobileTerminalClassCount,
        o.TeacherCount,
        o.StudentCount,
        o.IsPrimaryOrSecondary,
        o.Status == OrganizationStatus.Active ? "active" : "closed",
        o.ChangeVersion,
        o.GuardianSpaceAccess);
}
