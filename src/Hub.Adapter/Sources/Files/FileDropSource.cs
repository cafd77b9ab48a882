using Hub.Adapter.Sinks;
using Hub.Adapter.Sources.Postgres;
using Hub.Adapter.Store;
using Hub.Contracts.V1;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Sources.Files;

/// <summary>
/// The file-drop source: <see cref="DropImporter"/> applies each dropped file, in one transaction, to a platform
/// layout (platform-database.sql) in the adapter's store database; change tracking, snapshots and digests then work
/// exactly as for a platform database, through an inner <see cref="PostgresSource"/>. The hub's answers go to the same
/// schema through <see cref="Sink"/>.
/// </summary>
public sealed class FileDropSource : IPlatformSource, IAsyncDisposable
{
    private readonly PostgresSource inner;

    /// <summary>Creates the source over the store's database.</summary>
    public FileDropSource(IOptions<FileDropOptions> options, IOptions<AdapterStoreOptions> store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var layout = Options.Create(new PostgresSourceOptions { ConnectionString = store.Value.ConnectionString, Schema = options.Value.Schema });
        inner = new PostgresSource(layout);
        Sink = new PostgresSink(layout, clock);
        Importer = new DropImporter(store.Value.ConnectionString, options.Value, clock);
    }

    /// <summary>Writes the hub's answers next to the dropped records.</summary>
    public PostgresSink Sink { get; }

    /// <summary>Applies dropped files.</summary>
    public DropImporter Importer { get; }

    /// <inheritdoc />
    public Task<ChangePage<PersonChange>> ReadPeopleChangesAsync(string? cursor, int limit, CancellationToken ct) => inner.ReadPeopleChangesAsync(cursor, limit, ct);

    /// <inheritdoc />
    public Task<ChangePage<OrganizationChange>> ReadOrganizationChangesAsync(string? cursor, int limit, CancellationToken ct) =>
        inner.ReadOrganizationChangesAsync(cursor, limit, ct);

    /// <inheritdoc />
    public Task<ChangePage<EntityRemoval>> ReadRemovalsAsync(SourceEntity entity, string? cursor, int limit, CancellationToken ct) =>
        inner.ReadRemovalsAsync(entity, cursor, limit, ct);

    /// <inheritdoc />
    public Task<ChangePage<LocalKeyChange>> ReadKeyChangesAsync(string? cursor, int limit, CancellationToken ct) => inner.ReadKeyChangesAsync(cursor, limit, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<PersonChange>> ReadPeopleAsync(string? afterKey, int limit, CancellationToken ct) => inner.ReadPeopleAsync(afterKey, limit, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsAsync(string? afterKey, int limit, CancellationToken ct) =>
        inner.ReadOrganizationsAsync(afterKey, limit, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<PersonChange>> ReadPeopleByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct) => inner.ReadPeopleByKeysAsync(keys, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationChange>> ReadOrganizationsByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
        inner.ReadOrganizationsByKeysAsync(keys, ct);

    /// <inheritdoc />
    public IAsyncEnumerable<KeyVersion> ReadKeyVersionsAsync(SourceEntity entity, IReadOnlyCollection<string> md5Prefixes, CancellationToken ct) =>
        inner.ReadKeyVersionsAsync(entity, md5Prefixes, ct);

    /// <inheritdoc />
    public Task<SourceCounts> CountAsync(SourceEntity entity, CancellationToken ct) => inner.CountAsync(entity, ct);

    /// <inheritdoc />
    public async Task CheckAsync(CancellationToken ct)
    {
        await inner.CheckAsync(ct).ConfigureAwait(false);
        Importer.CheckDirectory();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await Sink.DisposeAsync().ConfigureAwait(false);
        await Importer.DisposeAsync().ConfigureAwait(false);
    }
}
