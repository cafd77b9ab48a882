using Hub.Server.Api;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hub.Server.Exchange.Sync;

/// <summary>A page of a change stream. Items are in change-version order; resume with <c>since = Next</c>.</summary>
/// <param name="Items">Changes after <c>since</c> inside the caller's jurisdiction.</param>
/// <param name="Since">The version asked for.</param>
/// <param name="Next">Where to resume. It never passes a version a transaction still in flight may commit (it trails
/// by the settle time), so items newer than it may come again; versions make the repeat harmless.</param>
/// <param name="HasMore">More items follow now.</param>
public sealed record ChangePage<T>(IReadOnlyList<T> Items, long Since, long Next, bool HasMore);

/// <summary>A page of a snapshot: follow the feed from <c>SnapshotVersion</c> once the last page is read.</summary>
public sealed record SnapshotPage<T>(IReadOnlyList<T> Items, long SnapshotVersion, string? Next);

/// <summary>A snapshot cursor: the keyset position (a region cursor) and the snapshot's version, as "{cursor}.{version}".</summary>
public sealed record SnapshotCursor(string Region, long Version)
{
    public static bool TryParse(string? value, out SnapshotCursor? cursor)
    {
        cursor = null;
        if (value is null)
        {
            return true;
        }
        var dot = value.LastIndexOf('.');
        if (dot <= 0 || !long.TryParse(value.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || !RegionCursor.IsValid(value[..dot]))
        {
            return false;
        }
        cursor = new SnapshotCursor(value[..dot], version);
        return true;
    }
}

public sealed record DeletionView(string Key, string RegionCode, string PlatformId, string Reason, DateTimeOffset OccurredAt, long ChangeVersion);

public sealed record KeyChangeView(string HubId, string Kind, string? OldValueMasked, string? NewValueMasked, string? MergedHubId,
    DateTimeOffset OccurredAt, long ChangeVersion);

/// <summary>
/// The change feed (Ed-Fi style): every stream is keyset-paged by the global change version and filtered to the
/// caller's region range. Sequence values commit out of order, so <see cref="ChangePage{T}.Next"/> only moves past
/// versions older than <see cref="SyncOptions.FeedSettleTime"/>; a write transaction never lives that long.
/// </summary>
public sealed class ChangeFeed(HubDbContext db, PeopleQueries people, RegionCatalog regions, IOptions<SyncOptions> options, TimeProvider clock)
{
    public async Task<ChangePage<PersonView>> PeopleAsync(Caller caller, long since, int limit, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var rows = await db.Set<Person>().AsNoTracking()
            .Where(p => p.ChangeVersion > since && string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderBy(p => p.ChangeVersion).Take(limit + 1).ToListAsync(ct);
        return Page(rows, since, limit, p => p.ChangeVersion, p => p.UpdatedAt, p => PersonViews.From(p, null));
    }

    public async Task<ChangePage<OrganizationView>> OrganizationsAsync(Caller caller, long since, int limit, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // as above
        var rows = await db.Set<Organization>().AsNoTracking()
            .Where(o => o.ChangeVersion > since && string.Compare(o.RegionCode, lower) >= 0 && string.Compare(o.RegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderBy(o => o.ChangeVersion).Take(limit + 1).ToListAsync(ct);
        return Page(rows, since, limit, o => o.ChangeVersion, o => o.UpdatedAt, o => OrganizationViews.From(o, regions));
    }

    /// <summary>Resources whose origin is in the caller's subtree, any status (followers mirror review decisions and withdrawals too).</summary>
    public async Task<ChangePage<Catalog.ResourceView>> ResourcesAsync(Caller caller, long since, int limit, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // as above
        var rows = await db.Set<Catalog.CatalogResource>().AsNoTracking()
            .Where(r => r.ChangeVersion > since && string.Compare(r.OriginRegionCode, lower) >= 0 && string.Compare(r.OriginRegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderBy(r => r.ChangeVersion).Take(limit + 1).ToListAsync(ct);
        return Page(rows, since, limit, r => r.ChangeVersion, r => r.UpdatedAt, Catalog.CatalogViews.From);
    }

    public async Task<ChangePage<DeletionView>> DeletionsAsync(Caller caller, string entity, long since, int limit, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // as above
        var rows = await db.Set<ChangeTombstone>().AsNoTracking()
            .Where(t => t.Entity == entity && t.ChangeVersion > since && string.Compare(t.RegionCode, lower) >= 0 && string.Compare(t.RegionCode, upper) < 0)
#pragma warning restore CA1309
            .OrderBy(t => t.ChangeVersion).Take(limit + 1).ToListAsync(ct);
        return Page(rows, since, limit, t => t.ChangeVersion, t => t.OccurredAt,
            t => new DeletionView(t.Key, t.RegionCode, t.PlatformId, t.Reason, t.OccurredAt, t.ChangeVersion));
    }

    public async Task<ChangePage<KeyChangeView>> KeyChangesAsync(Caller caller, long since, int limit, CancellationToken ct)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // as above
        var rows = await db.Set<KeyChange>().AsNoTracking().Where(k => k.ChangeVersion > since)
            .Join(db.Set<Person>().Where(p => string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0),
                k => k.PersonId, p => p.Id, (k, p) => new { Change = k, p.HubId })
#pragma warning restore CA1309
            .OrderBy(x => x.Change.ChangeVersion).Take(limit + 1).ToListAsync(ct);
        return Page(rows, since, limit, x => x.Change.ChangeVersion, x => x.Change.OccurredAt,
            x => new KeyChangeView(x.HubId, x.Change.Kind.ToString(), x.Change.OldValueMasked, x.Change.NewValueMasked, x.Change.MergedHubId,
                x.Change.OccurredAt, x.Change.ChangeVersion));
    }

    /// <summary>People of the jurisdiction by (region, id), with the version to follow the feed from afterwards.</summary>
    public async Task<SnapshotPage<PersonView>> PeopleSnapshotAsync(Caller caller, SnapshotCursor? after, int limit, CancellationToken ct)
    {
        // The version is fixed on the first page and carried in the cursor, so every page names the same starting point.
        var version = after?.Version ?? await SettledVersionAsync(ct);
        var (items, next) = await people.ListAsync(caller, after?.Region, limit, ct);
        return new SnapshotPage<PersonView>([.. items.Select(p => PersonViews.From(p, null))], version, next is null ? null : next + "." + version);
    }

    /// <summary>
    /// The highest version that no transaction still in flight can undercut: the newest row changed before the settle
    /// time. Reading it walks the change-version index backwards from the top, past the last few seconds' rows only.
    /// </summary>
    private async Task<long> SettledVersionAsync(CancellationToken ct)
    {
        var settledBefore = clock.GetUtcNow() - options.Value.FeedSettleTime;
        return await db.Set<Person>().Where(p => p.UpdatedAt < settledBefore).OrderByDescending(p => p.ChangeVersion)
            .Select(p => (long?)p.ChangeVersion).FirstOrDefaultAsync(ct) ?? 0;
    }

    private ChangePage<TView> Page<TRow, TView>(List<TRow> rows, long since, int limit, Func<TRow, long> version, Func<TRow, DateTimeOffset> changedAt,
        Func<TRow, TView> view)
    {
        var hasMore = rows.Count > limit;
        var page = hasMore ? rows.GetRange(0, limit) : rows;
        var settledBefore = clock.GetUtcNow() - options.Value.FeedSettleTime;
        var next = since;
        foreach (var row in page)
        {
            if (changedAt(row) >= settledBefore)
            {
                break;
            }
            next = version(row);
        }
        return new ChangePage<TView>([.. page.Select(view)], since, next, hasMore);
    }
}
