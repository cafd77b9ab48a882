using Hub.Server.Api;
using Hub.Server.Platforms;

namespace Hub.Server.Pilot;

/// <summary>A platform of an approved application: its attachment-2 form and the region it serves.</summary>
public sealed record ApprovedPlatform(PlatformForm Form, string ServiceRegionCode);

/// <summary>
/// The seam between the pilot and platform access: approving an application starts the onboarding (接入) of each of its
/// platforms. Called inside the approval's transaction, so the approval and the platforms' access applications commit
/// (or roll back) together. Returns the error that refuses the approval, or null.
/// </summary>
public interface IPilotOnboarding
{
    Task<Problems.ErrorDefinition?> StartAsync(long applicationId, IReadOnlyList<ApprovedPlatform> platforms, Caller caller, CancellationToken ct);
}
