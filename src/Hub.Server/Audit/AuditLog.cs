using System.Diagnostics;
using Hub.Server.Persistence;

namespace Hub.Server.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work; they commit (or roll back) with the action itself.
/// </summary>
public sealed class AuditLog(HubDbContext db, TimeProvider clock)
{
    public void Record(string actor, string action, string subjectType, string? subjectId,
        string outcome, string? purpose = null, string? regionCode = null)
    {
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Outcome = outcome,
            Purpose = purpose,
            RegionCode = regionCode,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
    }
}
