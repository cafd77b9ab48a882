namespace Hub.Server.Space.Assets;

/// <summary>A file as its owner (or a permitted guardian) sees it; <c>sha256</c> is the content address of the plaintext.</summary>
public sealed record FileView(Guid Id, string Name, string ContentType, string Category, long Size, string Sha256, DateTimeOffset CreatedAt);

public sealed record QuotaView(long UsedBytes, long QuotaBytes, long MaxFileBytes);

public sealed record FileList(IReadOnlyList<FileView> Items, QuotaView Quota);

/// <summary>A validated upload.</summary>
public sealed record FileUpload(string Name, string ContentType, AssetCategory Category, byte[] Content);

public static class AssetCategories
{
    public static string Name(AssetCategory c) => c switch
    {
        AssetCategory.Work => "work",
        AssetCategory.Homework => "homework",
        AssetCategory.Note => "note",
        _ => "file",
    };

    public static AssetCategory? Parse(string? value) => value switch
    {
        null or "" or "file" => AssetCategory.File,
        "work" => AssetCategory.Work,
        "homework" => AssetCategory.Homework,
        "note" => AssetCategory.Note,
        _ => null,
    };

    public static string Chinese(AssetCategory c) => c switch
    {
        AssetCategory.Work => "作品",
        AssetCategory.Homework => "作业",
        AssetCategory.Note => "笔记",
        _ => "文件",
    };
}
