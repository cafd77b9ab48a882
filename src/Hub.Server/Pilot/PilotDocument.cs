using Hub.Server.Platforms;
using Hub.Server.Regions;

namespace Hub.Server.Pilot;

/// <summary>
/// Reads parts of a submitted (hence validated and frozen) document without re-checking the registry: the registry may
/// have moved on since submission, and what was submitted is what gets approved, onboarded and published.
/// </summary>
internal static class PilotDocument
{
    public static List<ApprovedPlatform> Platforms(PilotApplicationInput input) =>
        [.. (input.Platforms ?? []).Select(p => (Form: PlatformFormValidator.Validate(p?.Form).Form, Region: p?.ServiceRegionCode?.Trim()))
            .Where(p => p.Form is not null && p.Region is not null)
            .Select(p => new ApprovedPlatform(p.Form!, p.Region!))];

    public static IEnumerable<(PlatformForm Form, string ServiceRegion, PilotRegionInput[] Regions)> PlatformsWithRegions(PilotApplicationInput input)
    {
        foreach (var platform in input.Platforms ?? [])
        {
            var form = PlatformFormValidator.Validate(platform?.Form).Form;
            if (form is not null && platform!.ServiceRegionCode?.Trim() is { } region)
            {
                yield return (form, region, platform.Regions ?? []);
            }
        }
    }

    public static string? RegionName(RegionCatalog regions, string? code) => regions.TryGet(code, out var region) ? region.Name : null;
}
