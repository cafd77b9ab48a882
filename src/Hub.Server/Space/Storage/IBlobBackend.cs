namespace Hub.Server.Space.Storage;

/// <summary>
/// One storage provider holding opaque objects (already encrypted) under keys the hub chooses. Implementations
/// throw on any failure to confirm; "not there" is a null read, not an error, and deleting a missing key succeeds.
/// </summary>
public interface IBlobBackend
{
    string Name { get; }

    /// <summary>Stores the object durably; returns only once the provider confirmed it.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>The object's bytes, or null when the provider does not have it.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);
}
