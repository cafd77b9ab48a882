namespace Hub.Server.Identity.Registry;

/// <summary>
/// Something the registry would not decide alone, e.g. the same document arriving with a different name.
/// Nothing is overwritten; the admins of the person's jurisdiction decide.
/// </summary>
public sealed class ReviewCase
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public ReviewCaseKind Kind { get; set; }
    public required string PlatformId { get; set; }
    public string? LocalId { get; set; }
    public required string ProposedName { get; set; }
    public required string RegionCode { get; set; }
    public ReviewCaseStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }
}

public enum ReviewCaseKind : short
{
    NameConflict = 0,
}

public enum ReviewCaseStatus : short
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>A change of a person's key (merge, L→G student number, corrected document): never delete + create.</summary>
public sealed class KeyChange
{
    public long Id { get; set; }
    public long ChangeVersion { get; set; }
    public long PersonId { get; set; }
    public KeyChangeKind Kind { get; set; }
    public string? OldValueMasked { get; set; }
    public string? NewValueMasked { get; set; }
    public string? MergedHubId { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

public enum KeyChangeKind : short
{
    Merged = 0,
    StudentNumberReplaced = 1,
    DocumentCorrected = 2,
}
