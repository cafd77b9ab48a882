namespace Hub.Server.Space.Assets;

/// <summary>What a file is to its owner: 作品, 作业, 笔记 or 文件.</summary>
public enum AssetCategory : short
{
    File = 0,
    Work = 1,
    Homework = 2,
    Note = 3,
}

/// <summary>A file in a person's space: a name and a category over a blob (the same content twice shares one blob).</summary>
public sealed class SpaceFile
{
    public Guid Id { get; set; }
    public long OwnerPersonId { get; set; }
    public long BlobId { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public AssetCategory Category { get; set; }
    public long Size { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
