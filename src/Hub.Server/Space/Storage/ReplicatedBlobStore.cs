using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Storage;

/// <summary>What one backend said about one copy.</summary>
public enum CopyCheck
{
    Ok,
    Missing,
    Corrupt,

    /// <summary>The backend did not answer (or failed): says nothing about the copy, so it is not marked damaged.</summary>
    Unreachable,
}

/// <summary>The verified bytes (null when no copy could be read) and what each tried backend said.</summary>
public sealed record StoredRead(byte[]? Data, string? From, IReadOnlyList<(string Backend, CopyCheck Check)> Tried);

/// <summary>
/// Replication over the configured backends: writes go to the key's preferred backends in parallel and succeed once
/// <see cref="SpaceStorageOptions.WriteQuorum"/> confirmed (further backends stand in for failed ones); a write below
/// quorum removes what it wrote. Reads take the first copy whose bytes hash to the recorded value.
/// </summary>
public sealed partial class ReplicatedBlobStore(BlobBackends backends, IOptions<SpaceStorageOptions> options, ILogger<ReplicatedBlobStore> logger)
{
    /// <summary>The backends that confirmed the object (at least the quorum), or null when the quorum was not reached.</summary>
    public async Task<IReadOnlyList<string>?> WriteAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var o = options.Value;
        var candidates = backends.Placement(key).OrderBy(b => backends.IsHealthy(b.Name) ? 0 : 1).ToList();
        var confirmed = new List<string>();
        var next = 0;
        while (confirmed.Count < o.Copies && next < candidates.Count)
        {
            var batch = candidates.Skip(next).Take(o.Copies - confirmed.Count).ToList();
            next += batch.Count;
            var results = await Task.WhenAll(batch.Select(async b => (b.Name, Ok: await TryPutAsync(b, key, data, ct))));
            confirmed.AddRange(results.Where(r => r.Ok).Select(r => r.Name));
        }
        if (confirmed.Count >= o.WriteQuorum)
        {
            return confirmed;
        }
        // Below quorum: nothing of this object may stay. The caller also records a deletion for every backend, so a
        // copy whose removal fails here (or a write that landed after its timeout) is removed in the background.
        await Task.WhenAll(confirmed.Select(name => TryDeleteAsync(backends.Find(name)!, key, CancellationToken.None)));
        return null;
    }

    public async Task<StoredRead> ReadAsync(string key, byte[] storedHash, IEnumerable<string> holders, CancellationToken ct)
    {
        var tried = new List<(string, CopyCheck)>();
        foreach (var backend in backends.ForReading(key, holders))
        {
            var (check, data) = await FetchAsync(backend, key, storedHash, ct);
            tried.Add((backend.Name, check));
            if (check == CopyCheck.Ok)
            {
                return new StoredRead(data, backend.Name, tried);
            }
        }
        return new StoredRead(null, null, tried);
    }

    /// <summary>Reads one copy and checks its bytes against the recorded hash of the stored (encrypted) object.</summary>
    public async Task<(CopyCheck Check, byte[]? Data)> FetchAsync(IBlobBackend backend, string key, byte[] storedHash, CancellationToken ct)
    {
        byte[]? data;
        try
        {
            data = await WithTimeoutAsync(t => backend.GetAsync(key, t), ct);
            backends.ReportSuccess(backend.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            backends.ReportFailure(backend.Name);
            LogBackendFailed(logger, backend.Name, "read", e);
            return (CopyCheck.Unreachable, null);
        }
        if (data is null)
        {
            return (CopyCheck.Missing, null);
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(data), storedHash) ? (CopyCheck.Ok, data) : (CopyCheck.Corrupt, null);
    }

    public async Task<bool> TryPutAsync(IBlobBackend backend, string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            await WithTimeoutAsync(async t => { await backend.PutAsync(key, data, t); return true; }, ct);
            backends.ReportSuccess(backend.Name);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            backends.ReportFailure(backend.Name);
            LogBackendFailed(logger, backend.Name, "write", e);
            return false;
        }
    }

    public async Task<bool> TryDeleteAsync(IBlobBackend backend, string key, CancellationToken ct)
    {
        try
        {
            await WithTimeoutAsync(async t => { await backend.DeleteAsync(key, t); return true; }, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            backends.ReportFailure(backend.Name);
            LogBackendFailed(logger, backend.Name, "delete", e);
            return false;
        }
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.BackendTimeout);
        return await operation(timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage backend {Backend} failed to {Operation}")]
    private static partial void LogBackendFailed(ILogger logger, string backend, string operation, Exception exception);
}
