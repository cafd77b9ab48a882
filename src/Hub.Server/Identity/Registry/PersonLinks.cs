namespace Hub.Server.Identity.Registry;

/// <summary>A platform's own user id for a person: every platform keeps its ids and learns the hub id.</summary>
public sealed class PersonLink
{
    public required string PlatformId { get; set; }
    public required string LocalId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The source's version of the record (data exchange): a change is applied only when newer. 0 for links made
    /// through the REST API, which carries no versions.
    /// </summary>
    public long SourceVersion { get; set; }

    /// <summary>Set when the platform deleted the person (a tombstone; the national identity stays).</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>A hub id that was merged into another person; stays resolvable forever.</summary>
public sealed class PersonAlias
{
    public required string HubId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person's role at an organization over a period.</summary>
public sealed class PersonAffiliation
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string OrganizationCode { get; set; }
    public PersonRole Role { get; set; }

    /// <summary>The class (班级) within the school, as the school codes it; targets class announcements.</summary>
    public string? ClassCode { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

/// <summary>Parent ↔ student.</summary>
public sealed class GuardianLink
{
    public long ParentId { get; set; }
    public long StudentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
