namespace Hub.Server.Support;

/// <summary>The actions of the lifecycle; each is allowed from a fixed set of statuses and taken by one side.</summary>
public enum SupportAction
{
    /// <summary>Automatic routing (filing, or the checker retrying an unrouted request).</summary>
    Route,

    /// <summary>A team lead or a support admin assigns another team, expert or member.</summary>
    Assign,

    /// <summary>The checker moves a breached request to the next level up.</summary>
    Escalate,
    Start,
    AskSchool,

    /// <summary>The school answers a question: the request goes back to the support side.</summary>
    Answer,
    Resolve,
    Confirm,
    Reopen,
    AutoClose,
    Cancel,
}

/// <summary>Who may take an action: the school (or a platform for it), the support side, or the hub itself.</summary>
public enum SupportSide
{
    School,
    Support,
    Lead,
    System,
}

/// <summary>
/// The state machine of specs/support/README.md as one table, so the API, the console buttons and the spec cannot
/// disagree. Open statuses count against the service levels; closed and cancelled are final.
/// </summary>
public static class SupportWorkflow
{
    public static readonly SupportStatus[] Open =
        [SupportStatus.New, SupportStatus.Assigned, SupportStatus.InProgress, SupportStatus.WaitingForSchool, SupportStatus.Reopened];

    /// <summary>The statuses in which the support side owes work (the resolution clock runs).</summary>
    public static readonly SupportStatus[] Running = [SupportStatus.New, SupportStatus.Assigned, SupportStatus.InProgress, SupportStatus.Reopened];

    public static (SupportStatus[] From, SupportStatus To, SupportSide Side) Rule(SupportAction action) => action switch
    {
        SupportAction.Route => ([SupportStatus.New], SupportStatus.Assigned, SupportSide.System),
        SupportAction.Assign => (Open, SupportStatus.Assigned, SupportSide.Lead),
        SupportAction.Escalate => (Open, SupportStatus.Assigned, SupportSide.System),
        SupportAction.Start => ([SupportStatus.Assigned, SupportStatus.Reopened], SupportStatus.InProgress, SupportSide.Support),
        SupportAction.AskSchool => ([SupportStatus.InProgress], SupportStatus.WaitingForSchool, SupportSide.Support),
        SupportAction.Answer => ([SupportStatus.WaitingForSchool], SupportStatus.InProgress, SupportSide.School),
        SupportAction.Resolve => ([SupportStatus.InProgress, SupportStatus.WaitingForSchool], SupportStatus.Resolved, SupportSide.Support),
        SupportAction.Confirm => ([SupportStatus.Resolved], SupportStatus.Closed, SupportSide.School),
        SupportAction.Reopen => ([SupportStatus.Resolved], SupportStatus.Reopened, SupportSide.School),
        SupportAction.AutoClose => ([SupportStatus.Resolved], SupportStatus.Closed, SupportSide.System),
        _ => (Open, SupportStatus.Cancelled, SupportSide.School),
    };

    public static bool Allows(SupportStatus status, SupportAction action) => Rule(action).From.Contains(status);

    /// <summary>Actions whose note is required: the question, the resolution, the reason to reopen or cancel.</summary>
    public static bool NeedsNote(SupportAction action) =>
        action is SupportAction.AskSchool or SupportAction.Resolve or SupportAction.Reopen or SupportAction.Cancel;

    /// <summary>The wire name of an action in URLs and the history ("ask_school").</summary>
    public static string Wire(SupportAction action) => SupportCodes.Wire(action);

    public static SupportAction? ParseAction(string? text) => SupportCodes.Parse<SupportAction>(text);

    /// <summary>
    /// Moves the request and keeps the service-level clock honest: the resolution clock stops while the school has
    /// the ball (waiting for it, or resolved) and its due time moves later by that pause when work resumes.
    /// </summary>
    public static void Move(SupportRequest request, SupportAction action, string actor, string? note, DateTimeOffset at)
    {
        var to = Rule(action).To;
        request.History.Add(new SupportTransition { From = request.Status, To = to, Action = Wire(action), Actor = actor, Note = note, At = at });
        var stops = to is SupportStatus.WaitingForSchool or SupportStatus.Resolved;
        if (stops && request.ClockStoppedAt is null)
        {
            request.ClockStoppedAt = at;
        }
        else if (!stops && request.ClockStoppedAt is { } since && to is not (SupportStatus.Closed or SupportStatus.Cancelled))
        {
            request.ResolutionDueAt += at - since;
            request.ClockStoppedAt = null;
        }
        switch (to)
        {
            case SupportStatus.Resolved:
                request.ResolvedAt = at;
                request.Resolution = note;
                break;
            case SupportStatus.Closed or SupportStatus.Cancelled:
                request.ClosedAt = at;
                break;
        }
        request.Status = to;
        request.UpdatedAt = at;
        request.Version++;
    }
}
