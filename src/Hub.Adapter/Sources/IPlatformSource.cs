using Hub.Contracts.V1;

namespace Hub.Adapter.Sources;

/// <summary>The two kinds of records a platform sends.</summary>
public enum SourceEntity
{
    /// <summary>People (key: the platform's local id).</summary>
    People,

    /// <summary>Schools and other organizations (key: the 学校标识码).</summary>
    Organizations,
}

/// <summary>
/// Changes read from a source after a cursor. <paramref name="NextCursor"/> is the cursor after the last item (the
/// adapter stores it in the same transaction as the message carrying the items); null when nothing was read.
/// </summary>
/// <param name="Items">The changes, in the source's change order.</param>
/// <param name="NextCursor">Cursor to continue from; opaque to the adapter.</param>
/// <param name="MaxVersion">Highest version among the items (0 when none).</param>
public sealed record ChangePage<T>(IReadOnlyList<T> Items, string? NextCursor, long MaxVersion);

/// <summary>Records at the source: total and per region code.</summary>
/// <param name="Total">All records of the entity.</param>
/// <param name="ByRegion">Records per GB/T 2260 code.</param>
public sealed record SourceCounts(long Total, IReadOnlyDictionary<string, long> ByRegion);

/// <summary>
/// Where a platform's records come from. Change reads return batches after an opaque cursor and must never skip a
/// change that commits later with an earlier position (see the PostgreSQL source's transaction-id horizon); every other
/// read reflects the current state. Reads stream or page: no method may load a whole entity into memory.
/// </summary>
public interface IPlatformSource
{
    /// <summary>People created or changed after <paramref name="cursor"/> (null: from the beginning).</summary>
    Task<ChangePage<PersonChange>> ReadPeopleChangesAsync(string? cursor, int limit, CancellationToken ct);

    /// <summary>Organizations created or changed after <paramref name="cursor"/>.</summary>
    Task<ChangePage<OrganizationChange>> ReadOrganizationChangesAsync(string? cursor, int limit, CancellationToken ct);

    /// <summary>Deletions (tombstones) of <paramref name="entity"/> after <paramref name="cursor"/>.</summary>
    Task<ChangePage<EntityRemoval>> ReadRemovalsAsync(SourceEntity entity, string? cursor, int limit, CancellationToken ct);

    /// <summary>Changes of people's local ids after <paramref name="cursor"/>.</summary>
    Task<ChangePage<LocalKeyChange>> ReadKeyChangesAsync(string? cursor, int limit, CancellationToken ct);

    /// <summary>Current people in key order after <paramref name="afterKey"/> (snapshots).</summary>
    Task<IReadOnlyList<PersonChange>> ReadPeopleAsync(string? afterKey, int limit, CancellationToken ct);

    /// <summary>Current organizations in key order after <paramref name="afterKey"/> (snapshots).</summary>
    Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsAsync(string? afterKey, int limit, CancellationToken ct);

    /// <summary>Current people with the given keys (absent keys are left out).</summary>
    Task<IReadOnlyList<PersonChange>> ReadPeopleByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>Current organizations with the given codes (absent codes are left out).</summary>
    Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>
    /// Every current key of <paramref name="entity"/> with its version, streamed; only keys whose MD5 (lowercase hex of
    /// the UTF-8 key) starts with one of <paramref name="md5Prefixes"/>, or all keys when it is empty.
    /// </summary>
    IAsyncEnumerable<KeyVersion> ReadKeyVersionsAsync(SourceEntity entity, IReadOnlyCollection<string> md5Prefixes, CancellationToken ct);

    /// <summary>Current records of <paramref name="entity"/>, in total and per region.</summary>
    Task<SourceCounts> CountAsync(SourceEntity entity, CancellationToken ct);

    /// <summary>Throws when the source cannot be read (readiness).</summary>
    Task CheckAsync(CancellationToken ct);
}
