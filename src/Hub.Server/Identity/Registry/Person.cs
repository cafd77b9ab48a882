using Hub.Server.Identity.Documents;

namespace Hub.Server.Identity.Registry;

/// <summary>
/// One natural person, nationwide. Document and student numbers are never stored in clear: each has a keyed
/// blind index (lookup), an AES-GCM ciphertext with its key id (reveal, audited) and a masked form (output).
/// Rows are never deleted, so a hub id is never reused.
/// </summary>
public sealed class Person
{
    public long Id { get; set; }
    public required string HubId { get; set; }
    public required string Name { get; set; }

    public DocumentType? DocumentType { get; set; }
    public byte[]? DocumentIndex { get; set; }
    public string? DocumentKeyId { get; set; }
    public byte[]? DocumentCiphertext { get; set; }
    public string? DocumentMasked { get; set; }

    public char? StudentNumberKind { get; set; }
    public byte[]? StudentNumberIndex { get; set; }
    public string? StudentNumberKeyId { get; set; }
    public byte[]? StudentNumberCiphertext { get; set; }
    public string? StudentNumberMasked { get; set; }

    public Gender Gender { get; set; }
    public DateOnly? BirthDate { get; set; }
    public short[] Roles { get; set; } = [];

    /// <summary>The GB/T 2260 region whose administrators have jurisdiction over this person.</summary>
    public required string RegionCode { get; set; }

    public PersonStatus Status { get; set; }
    public long? MergedIntoId { get; set; }

    public VerificationLevel VerificationLevel { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>Taken from the hub's global change sequence on every change.</summary>
    public long ChangeVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum PersonStatus : short
{
    Active = 0,
    Suspended = 1,
    Merged = 2,
    Closed = 3,
}

public enum VerificationLevel : short
{
    SelfDeclared = 0,
    SchoolVerified = 1,
    AuthorityVerified = 2,
}

/// <summary>Roles as the hub API codes them.</summary>
public enum PersonRole : short
{
    Student = 0,
    Teacher = 1,
    Parent = 2,
    SchoolStaff = 3,
    AgencyStaff = 4,
}
