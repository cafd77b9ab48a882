using Hub.Server.Api;
using Hub.Server.Platforms;

namespace Hub.Server.Pilot;

/// <summary>A platform of an approved application: its attachment-2 form and the region it serves.</summary>
public sealed record ApprovedPlatform(PlatformForm Form, string ServiceRegionCode);

/// <summary>
/// The seam between the pilot and platform access: approving an application starts the onboarding (接入) of each of its
/// platforms. Called before the approval is saved, so an implementation that only adds to the unit of work commits
/// (or fails) together with the approval.
/// </summary>
public interface IPilotOnboarding
{
    Task StartAsync(long applicationId, IReadOnlyList<ApprovedPlatform> platforms, Caller caller, CancellationToken ct);
}
