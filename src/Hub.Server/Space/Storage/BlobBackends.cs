using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Storage;

/// <summary>
/// The configured storage providers, where each object belongs (rendezvous hashing: every key ranks the backends by
/// a hash of backend name and key, so adding a provider moves only the objects that now rank it first) and which
/// providers failed recently (tried last for <see cref="SpaceStorageOptions.UnhealthyFor"/>). Health is per replica,
/// in memory: a hub replica learns from its own failures and recovers by itself.
/// </summary>
public sealed class BlobBackends : IDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _unhealthyFor;

    public BlobBackends(IReadOnlyList<IBlobBackend> backends, TimeProvider clock, TimeSpan unhealthyFor)
    {
        All = backends;
        _clock = clock;
        _unhealthyFor = unhealthyFor;
    }

    public static BlobBackends FromOptions(IOptions<SpaceStorageOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        var backends = o.Backends.Select(b => b.Kind == BackendKind.S3
            ? (IBlobBackend)new S3Backend(b, o.BackendTimeout)
            : new FileSystemBackend(b.Name, b.Root!)).ToList();
        return new BlobBackends(backends, clock, o.UnhealthyFor);
    }

    public IReadOnlyList<IBlobBackend> All { get; }

    public IBlobBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    /// <summary>Every backend in the key's rendezvous order (the object's preferred homes first).</summary>
    public IReadOnlyList<IBlobBackend> Placement(string key) =>
        [.. All.OrderByDescending(b => Score(b.Name, key)).ThenBy(b => b.Name, StringComparer.Ordinal)];

    /// <summary>The given backends, healthy ones first, each group in the key's rendezvous order.</summary>
    public IReadOnlyList<IBlobBackend> ForReading(string key, IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return [.. Placement(key).Where(b => wanted.Contains(b.Name)).OrderBy(b => IsHealthy(b.Name) ? 0 : 1)];
    }

    public bool IsHealthy(string name) =>
        !_failedAt.TryGetValue(name, out var at) || _clock.GetUtcNow() - at >= _unhealthyFor;

    public void ReportFailure(string name) => _failedAt[name] = _clock.GetUtcNow();

    public void ReportSuccess(string name) => _failedAt.TryRemove(name, out _);

    private static ulong Score(string backend, string key) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(backend + "\u001f" + key)));

    public void Dispose()
    {
        foreach (var backend in All.OfType<IDisposable>())
        {
            backend.Dispose();
        }
    }
}
