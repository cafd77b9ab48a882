using Hub.Server.Api;
using Hub.Server.Platforms;
using Hub.Server.Problems;

namespace Hub.Server.Pilot;

/// <summary>
/// An approved pilot application hands each platform's attachment-2 form to platform access (接入): it enters the access
/// workflow as submitted, with origin "pilot:{id}", under its service region, for the region's reviewers to take on.
/// </summary>
public sealed class PilotOnboarding(PlatformOnboarding access) : IPilotOnboarding
{
    public async Task<ErrorDefinition?> StartAsync(long applicationId, IReadOnlyList<ApprovedPlatform> platforms, Caller caller, CancellationToken ct)
    {
        foreach (var platform in platforms)
        {
            try
            {
                await access.StartOnboardingAsync(platform.Form, platform.ServiceRegionCode, $"pilot:{applicationId}", caller, ct);
            }
            catch (ArgumentException)
            {
                // The region was checked at submission; it can only fail if the code was retired since.
                return PilotErrors.OnboardingRefused;
            }
        }
        return null;
    }
}
