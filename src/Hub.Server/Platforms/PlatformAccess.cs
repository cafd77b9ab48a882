namespace Hub.Server.Platforms;

/// <summary>Where a platform's access application stands (the workflow is drawn in specs/access/README.md).</summary>
public enum PlatformAccessStatus
{
    Draft = 0,
    Submitted = 1,
    UnderReview = 2,
    Approved = 3,
    Rejected = 4,
    Connected = 5,
    Suspended = 6,
}

/// <summary>
/// A platform's access (接入) to the hub: its attachment-2 form, the public keys it authenticates with, where the
/// workflow stands and, once approved, the names of the credentials issued to it. Secrets are never stored here:
/// the OIDC client keeps only the platform's public keys (or a keyed hash of a Development secret) and RabbitMQ
/// its own hash of the broker password.
/// </summary>
public sealed class PlatformAccess
{
    public long Id { get; set; }

    /// <summary>16 lowercase hex digits; also names the client, the broker user and the platform's queues, so it is regex-safe.</summary>
    public required string PublicId { get; set; }

    public required string RegionCode { get; set; }
    public required PlatformForm Form { get; set; }

    /// <summary>The platform's JSON Web Key Set, public keys only (checked by <see cref="PlatformJwks"/>).</summary>
    public string? Jwks { get; set; }

    public PlatformAccessStatus Status { get; set; }

    /// <summary>The OIDC client id, set when approval created the client.</summary>
    public string? ClientId { get; set; }

    /// <summary>The RabbitMQ user name, set when approval created the user.</summary>
    public string? RabbitMqUser { get; set; }

    /// <summary>"direct" for an application through the API or console, "pilot:{id}" when a pilot application was approved.</summary>
    public required string Origin { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>From the hub's global change sequence; every change takes a new one (optimistic concurrency too).</summary>
    public long ChangeVersion { get; set; }

    public List<PlatformAccessTransition> History { get; set; } = [];

    /// <summary>The names every credential of a platform derives from its public id.</summary>
    public static string ClientIdFor(string publicId) => "platform-" + publicId;

    public static string RabbitMqUserFor(string publicId) => "platform." + publicId;
}

/// <summary>One step of the workflow: who moved the application from where to where, when and why.</summary>
public sealed class PlatformAccessTransition
{
    public long Id { get; set; }
    public long PlatformAccessId { get; set; }

    /// <summary>Null for the step that created the application.</summary>
    public PlatformAccessStatus? From { get; set; }

    public PlatformAccessStatus To { get; set; }
    public required string Actor { get; set; }
    public string? Reasons { get; set; }
    public DateTimeOffset At { get; set; }
}
