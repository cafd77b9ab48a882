namespace Hub.Server.Space.Storage;

/// <summary>A person's data key, wrapped under a master key; the plain key exists only in memory while in use.</summary>
public sealed class SpacePersonKey
{
    public long PersonId { get; set; }
    public required string MasterKeyId { get; set; }
    public required byte[] WrappedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum BlobStatus : short
{
    /// <summary>Reserved against the quota, copies being written; never visible as a file.</summary>
    Writing = 0,
    Stored = 1,

    /// <summary>No file refers to it any more; its copies are being removed from every backend.</summary>
    Deleted = 2,
}

/// <summary>One distinct content of one person, stored encrypted under <see cref="StorageKey"/> on several backends.</summary>
public sealed class SpaceBlob
{
    public long Id { get; set; }
    public long OwnerPersonId { get; set; }

    /// <summary>SHA-256 of the plaintext: the content address, verified on every read.</summary>
    public required byte[] ContentHash { get; set; }

    /// <summary>SHA-256 of the stored (encrypted) object: lets repair and scrubbing check copies without any key.</summary>
    public byte[] StoredHash { get; set; } = [];
    public string StorageKey { get; set; } = "";
    public long Size { get; set; }
    public BlobStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

public enum CopyState : short
{
    Ok = 0,

    /// <summary>Missing or corrupt when last read: repair rewrites it.</summary>
    Damaged = 1,

    /// <summary>To be removed from this backend (the blob was deleted, or an upload failed); the row goes once the backend confirms.</summary>
    Deleting = 2,
}

/// <summary>One backend's copy of a blob.</summary>
public sealed class BlobCopy
{
    public long BlobId { get; set; }
    public required string Backend { get; set; }
    public CopyState State { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the copy was last read back and found intact (written, read or scrubbed).</summary>
    public DateTimeOffset VerifiedAt { get; set; }
}
