using System.Diagnostics;
using Hub.Server.Persistence;

namespace Hub.Server.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work; they commit (or roll back) with the action itself. Free text is
/// clipped to its column, so a long detail (a permission list, a reason) never makes the audited action fail.
/// </summary>
public sealed class AuditLog(HubDbContext db, TimeProvider clock)
{
    public void Record(string actor, string action, string subjectType, string? subjectId,
        string outcome, string? purpose = null, string? regionCode = null)
    {
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            Actor = Clip(actor, 128)!,
            Action = action,
            SubjectType = subjectType,
            SubjectId = Clip(subjectId, 128),
            Outcome = Clip(outcome, 32)!,
            Purpose = Clip(purpose, 256),
            RegionCode = regionCode,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
    }

    private static string? Clip(string? value, int length) => value is { Length: var n } && n > length ? value[..(length - 1)] + "…" : value;
}
