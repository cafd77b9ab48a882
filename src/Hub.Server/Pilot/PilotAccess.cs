using Hub.Server.Api;
using Hub.Server.Oidc;

namespace Hub.Server.Pilot;

/// <summary>
/// Who may do what. Applicants (pilot:apply) act for their own region and read their subtree (a province sees the
/// direct applications of its cities and counties). Experts (pilot:review) and the centre (pilot:decide) are national
/// and see every application once it is submitted; drafts stay with their applicant.
/// </summary>
public static class PilotAccess
{
    public static bool IsApplicant(Caller caller) =>
        caller.HasScope(HubScopes.PilotApply) && caller.RegionCode is not null
        && caller.Level is JurisdictionLevel.Province or JurisdictionLevel.City or JurisdictionLevel.County;

    public static PilotApplicationKind KindOf(Caller caller) =>
        caller.Level == JurisdictionLevel.Province ? PilotApplicationKind.Provincial : PilotApplicationKind.Direct;

    public static bool IsNational(Caller caller, string scope) => caller.HasScope(scope) && caller.Scope.IsNational;

    public static bool CanRead(Caller caller, PilotApplication application) =>
        (caller.HasScope(HubScopes.PilotApply) && caller.RegionCode is not null && caller.Scope.Contains(application.RegionCode))
        || (application.Status != PilotApplicationStatus.Draft
            && (IsNational(caller, HubScopes.PilotReview) || IsNational(caller, HubScopes.PilotDecide)));

    /// <summary>Only the applying department itself edits and submits (a province reads, but does not rewrite, a city's application).</summary>
    public static bool CanEdit(Caller caller, PilotApplication application) =>
        IsApplicant(caller) && string.Equals(caller.RegionCode, application.RegionCode, StringComparison.Ordinal);
}
