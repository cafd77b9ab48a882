namespace Hub.Server.Space.Storage;

/// <summary>
/// Objects as files under a root directory, fanned out by the key's first characters. A write goes to a temporary file
/// that is flushed to disk and then renamed, so a reader never sees half an object. The root itself is never created:
/// when a volume is not mounted the backend fails instead of silently filling the mount point.
/// </summary>
public sealed class FileSystemBackend(string name, string root) : IBlobBackend
{
    public string Name => name;

    public string Root => root;

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var path = PathOf(key);
        RequireRoot();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(data, ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        RequireRoot();
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        RequireRoot();
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    /// <summary>Where an object lives (tests corrupt and remove copies through it, as a failing disk would).</summary>
    public string PathOf(string key)
    {
        // Keys are lowercase hex made by the hub (BlobCipher.StorageKey); anything else is a programming error.
        if (key.Length < 8 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Storage keys are lowercase hex.", nameof(key));
        }
        return Path.Combine(root, key[..2], key[2..4], key);
    }

    private void RequireRoot()
    {
        if (!Directory.Exists(root))
        {
            throw new IOException($"Storage root of backend '{name}' is not available.");
        }
    }
}
