using System.Text.Json;

namespace Hub.Server.Platforms;

/// <summary>The actions of the access workflow; each is allowed from a fixed set of statuses.</summary>
public enum PlatformAction
{
    Update,
    SetJwks,
    RotateKeys,
    Submit,
    TakeUnderReview,
    Approve,
    Reject,
    Connect,
    Suspend,
    Resume,
}

/// <summary>
/// The state machine of specs/access/README.md. Kept as one table so the API, the console buttons and the spec
/// cannot disagree.
/// </summary>
public static class PlatformWorkflow
{
    public static IReadOnlyList<PlatformAccessStatus> From(PlatformAction action) => action switch
    {
        // A rejected application can be corrected: updating it makes it a draft again.
        PlatformAction.Update => [PlatformAccessStatus.Draft, PlatformAccessStatus.Rejected],
        PlatformAction.SetJwks => [PlatformAccessStatus.Draft, PlatformAccessStatus.Submitted, PlatformAccessStatus.UnderReview, PlatformAccessStatus.Rejected],
        PlatformAction.Submit => [PlatformAccessStatus.Draft],
        PlatformAction.TakeUnderReview => [PlatformAccessStatus.Submitted],
        PlatformAction.Approve or PlatformAction.Reject => [PlatformAccessStatus.UnderReview],
        PlatformAction.Connect => [PlatformAccessStatus.Approved],
        PlatformAction.Suspend => [PlatformAccessStatus.Approved, PlatformAccessStatus.Connected],
        PlatformAction.Resume => [PlatformAccessStatus.Suspended],
        // Key rotation by the platform itself, with its current client (a suspended one has no valid token).
        PlatformAction.RotateKeys => [PlatformAccessStatus.Approved, PlatformAccessStatus.Connected],
        _ => [],
    };

    public static bool Allows(PlatformAccessStatus status, PlatformAction action) => From(action).Contains(status);

    /// <summary>Review actions need platforms:review; the others platforms:apply (Connect: the platform's own client).</summary>
    public static bool IsReview(PlatformAction action) => action is PlatformAction.TakeUnderReview or PlatformAction.Approve
        or PlatformAction.Reject or PlatformAction.Suspend or PlatformAction.Resume;

    /// <summary>Resumption returns to where suspension found the platform (approved or connected).</summary>
    public static PlatformAccessStatus ResumeTarget(PlatformAccess access) =>
        access.History.Where(t => t.To == PlatformAccessStatus.Suspended).OrderBy(t => t.At).ThenBy(t => t.Id).LastOrDefault()?.From
        ?? PlatformAccessStatus.Approved;

    public static void Move(PlatformAccess access, PlatformAccessStatus to, string actor, string? reasons, DateTimeOffset at)
    {
        access.History.Add(new PlatformAccessTransition { From = access.Status, To = to, Actor = actor, Reasons = reasons, At = at });
        access.Status = to;
        access.UpdatedAt = at;
    }

    public static string Wire(PlatformAccessStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static PlatformAccessStatus? Parse(string? text) =>
        Enum.GetValues<PlatformAccessStatus>().Cast<PlatformAccessStatus?>().FirstOrDefault(s => Wire(s!.Value) == text);

    public static string Label(PlatformAccessStatus status) => status switch
    {
        PlatformAccessStatus.Draft => "草稿",
        PlatformAccessStatus.Submitted => "已提交",
        PlatformAccessStatus.UnderReview => "审核中",
        PlatformAccessStatus.Approved => "已批准",
        PlatformAccessStatus.Rejected => "未通过",
        PlatformAccessStatus.Connected => "已接入",
        _ => "已暂停",
    };
}
