using Hub.Server.Catalog;
using Hub.Server.Persistence;
using Hub.Server.Space;
using Hub.Server.Space.Export;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Usage;

public sealed record UsageHistoryItem(Guid EventId, string Type, string ResourceId, string Title, DateTimeOffset OccurredAt, int Value, string PlatformId);

/// <summary>A person's own usage records, newest first: the space shows them and the export (PIPL right of access) carries them.</summary>
public sealed class UsageHistory(HubDbContext db)
{
    public async Task<List<UsageHistoryItem>> ForAsync(long personId, int limit, CancellationToken ct)
    {
        var rows = await db.Set<UsageEventRow>().AsNoTracking().Where(e => e.PersonId == personId).OrderByDescending(e => e.OccurredAt).Take(limit)
            .Join(db.Set<CatalogResource>(), e => e.ResourceId, r => r.Id, (e, r) => new { e, r.ResourceId, r.Title }).ToListAsync(ct);
        return [.. rows.OrderByDescending(x => x.e.OccurredAt).Select(x => new UsageHistoryItem(x.e.EventId, UsageIngest.Wire(x.e.Type), x.ResourceId, x.Title,
            x.e.OccurredAt, x.e.Value, x.e.PlatformId))];
    }
}

/// <summary>The export's usage section: every usage record the hub holds about the person (up to 100,000).</summary>
public sealed class UsageExportSection(UsageHistory history) : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var items = await history.ForAsync(person.Id, 100_000, ct);
        return new ExportSection("usage", "资源使用记录", "Resource usage", ["at", "type", "resourceId", "title", "value", "platform"],
            [.. items.Select(i => (IReadOnlyList<string?>)[SpaceExport.Time(i.OccurredAt), i.Type, i.ResourceId, i.Title,
                i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), i.PlatformId])]);
    }
}
