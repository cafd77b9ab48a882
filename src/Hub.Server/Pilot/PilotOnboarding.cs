using Hub.Server.Api;
using Hub.Server.Audit;

namespace Hub.Server.Pilot;

/// <summary>
/// Where an approval hands its platforms to platform access. Platform onboarding (Platforms/PlatformOnboarding) is not
/// on main yet, so this records the request in the audit log (origin "pilot:{id}", the service region) in the
/// approval's unit of work and starts nothing; the call to StartOnboardingAsync goes here when it lands.
/// </summary>
public sealed class PilotOnboarding(AuditLog audit) : IPilotOnboarding
{
    public Task StartAsync(long applicationId, IReadOnlyList<ApprovedPlatform> platforms, Caller caller, CancellationToken ct)
    {
        foreach (var platform in platforms)
        {
            audit.Record(caller.Actor, "pilot.onboarding.requested", "platform", platform.Form.Url[..Math.Min(128, platform.Form.Url.Length)],
                "not started", purpose: $"pilot:{applicationId}", regionCode: platform.ServiceRegionCode);
        }
        return Task.CompletedTask;
    }
}
