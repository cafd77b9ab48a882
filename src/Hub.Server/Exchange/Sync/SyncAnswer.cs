using Hub.Contracts.V1;
using Hub.Server.Problems;

namespace Hub.Server.Exchange.Sync;

/// <summary>Collects the per-record outcome of one batch; every record of the batch ends up in exactly one list.</summary>
internal sealed class SyncAnswer(Guid batchId, string entity)
{
    public List<IdentityAssignment> Assigned { get; } = [];
    public List<RecordRejection> Rejected { get; } = [];
    public List<IdentityConflict> Conflicts { get; } = [];

    public void Reject(string key, long version, FieldError error) =>
        Rejected.Add(new RecordRejection(key, version, error.Code, error.Field, error.MessageZh, error.MessageEn));

    public void Reject(string key, long version, string? field, ErrorDefinition error) =>
        Rejected.Add(new RecordRejection(key, version, error.Code, field, error.MessageZh, error.MessageEn));

    public void Assign(string key, string hubId, long version, string outcome) =>
        Assigned.Add(new IdentityAssignment(key, hubId, version, outcome));

    public IdentitiesAssigned ToMessage(DateTimeOffset at) => new(batchId, entity, Assigned, Rejected, Conflicts, at);
}

/// <summary>Outcome names of <see cref="IdentityAssignment.Outcome"/>, as in specs/exchange.</summary>
internal static class Outcomes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Linked = "linked";
    public const string Unchanged = "unchanged";
    public const string Stale = "stale";
    public const string Removed = "removed";
}
