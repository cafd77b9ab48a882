using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Catalog.Procurement;
using Hub.Server.Exchange.Sync;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog;

/// <summary>
/// Applies resource records from a provider (a platform through the exchange or the API, an admitted vendor through
/// the API) with the version rule per (provider, sourceId): the rows are locked first, so concurrent batches cannot
/// both pass the check. A new record, or one whose content (location or checksum) changed, waits for review at its
/// origin level; a metadata-only change of a reviewed resource keeps its decision. Runs inside the caller's transaction.
/// </summary>
public sealed class ResourceWriter(HubDbContext db, ResourceValidator validator, ResourceVendors vendors, TimeProvider clock)
{
    internal async Task<List<CatalogResource>> ApplyAsync(Caller submitter, IReadOnlyList<ResourceRecord?> records, SyncAnswer answer, CancellationToken ct)
    {
        var providerId = ResourceValidator.ProviderId(submitter);
        var latest = new Dictionary<string, ValidResource>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var (valid, errors) = validator.Validate(record, submitter);
            if (valid is null)
            {
                answer.Reject(record?.SourceId ?? "", record?.Version ?? 0, errors[0]);
            }
            else if (latest.TryGetValue(valid.Record.SourceId, out var other) && other.Record.Version >= valid.Record.Version)
            {
                answer.Reject(valid.Record.SourceId, valid.Record.Version, "version", ExchangeErrors.SupersededInBatch);
            }
            else
            {
                if (other is not null)
                {
                    answer.Reject(other.Record.SourceId, other.Record.Version, "version", ExchangeErrors.SupersededInBatch);
                }
                latest[valid.Record.SourceId] = valid;
            }
        }
        await CheckOriginsAsync(submitter, latest, answer, ct);

        var keys = latest.Keys.ToArray();
        await LockKeysAsync(db, providerId, keys, ct);
        var existing = await db.Set<CatalogResource>()
            .FromSql($"SELECT * FROM resources WHERE provider_id = {providerId} AND source_id = ANY({keys}) ORDER BY id FOR UPDATE")
            .ToDictionaryAsync(r => r.SourceId, StringComparer.Ordinal, ct);
        var early = await db.Set<RemovedKey>().Where(k => k.PlatformId == providerId && k.Entity == "resources" && keys.Contains(k.Key))
            .ToDictionaryAsync(k => k.Key, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        var applied = new List<CatalogResource>();
        foreach (var (key, valid) in latest)
        {
            var version = valid.Record.Version;
            existing.TryGetValue(key, out var row);
            if ((row is not null && row.SourceVersion >= version) || (early.TryGetValue(key, out var removed) && removed.Version >= version))
            {
                answer.Assign(key, row?.ResourceId ?? "", version, Outcomes.Stale);
                continue;
            }
            var created = row is null;
            if (row is null)
            {
                row = NewRow(providerId, valid, now);
                db.Add(row);
            }
            else
            {
                row.ChangeVersion = await db.NextChangeVersionAsync(ct);
            }
            var contentChanged = created || row.Checksum != valid.Record.Checksum.Value || row.LocationUrl != valid.Record.Location.Url
                || row.Status == ResourceStatus.Withdrawn || row.OriginRegionCode != valid.OriginRegionCode;
            Apply(row, valid, now);
            if (contentChanged)
            {
                (row.Status, row.Reasons, row.ReviewedBy, row.ReviewedAt, row.SubmittedAt) = (ResourceStatus.Pending, [], null, null, now);
            }
            applied.Add(row);
            answer.Assign(key, row.ResourceId, version, created ? Outcomes.Created : Outcomes.Updated);
        }
        await db.SaveChangesAsync(ct);
        await IndexAsync(applied, ct);
        return applied;
    }

    /// <summary>
    /// Serializes batches of one provider that touch the same keys (transaction-scoped advisory locks in hash order): a
    /// removal and a creation of a key not yet stored would otherwise both miss each other, the one writing an early
    /// removal and the other a row, and the stale creation would survive.
    /// </summary>
    public static async Task LockKeysAsync(HubDbContext db, string providerId, string[] keys, CancellationToken ct)
    {
        if (keys.Length > 0)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended({providerId} || ':' || k, 0) AS h FROM unnest({keys}) AS k ORDER BY 1) AS x
                """, ct);
        }
    }

    /// <summary>Writes the search tokens of the rows (CatalogText) in one statement.</summary>
    public async Task IndexAsync(IReadOnlyList<CatalogResource> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = rows.Select(r => r.Id).ToArray();
        var documents = rows.Select(r => CatalogText.Document(r.Title, r.Description, r.Keywords)).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE resources SET search = to_tsvector('simple', d.doc) FROM unnest({ids}, {documents}) AS d(id, doc) WHERE resources.id = d.id
            """, ct);
    }

    /// <summary>A school origin must be a registered, active school of that region; a vendor must be admitted there.</summary>
    private async Task CheckOriginsAsync(Caller submitter, Dictionary<string, ValidResource> latest, SyncAnswer answer, CancellationToken ct)
    {
        var schools = latest.Values.Where(v => v.OriginSchoolCode is not null).Select(v => v.OriginSchoolCode!).Distinct().ToList();
        var known = schools.Count == 0 ? [] : await db.Set<Organization>().AsNoTracking()
            .Where(o => schools.Contains(o.Code) && o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active)
            .Select(o => new { o.Code, o.RegionCode }).ToDictionaryAsync(o => o.Code, o => o.RegionCode, StringComparer.Ordinal, ct);
        var admitted = submitter.Kind == Oidc.ClientKind.Vendor ? await vendors.AdmittedRegionsAsync(submitter.ClientId, ct) : null;
        foreach (var (key, valid) in latest.ToList())
        {
            var schoolOk = valid.OriginSchoolCode is null || (known.TryGetValue(valid.OriginSchoolCode, out var region) && region == valid.OriginRegionCode);
            var vendorOk = admitted is null || admitted.Contains(valid.OriginRegionCode);
            if (!schoolOk || !vendorOk)
            {
                answer.Reject(key, valid.Record.Version, "origin", schoolOk ? ResourceErrors.VendorNotAdmitted : ResourceErrors.OriginInvalid);
                latest.Remove(key);
            }
        }
    }

    private static CatalogResource NewRow(string providerId, ValidResource v, DateTimeOffset now) => new()
    {
        ResourceId = "R" + Identity.Registry.HubIds.New()[1..], ProviderId = providerId, SourceId = v.Record.SourceId,
        Title = "", Subject = "", Stage = "", ResourceType = "", Format = "", Language = "", LicenceKind = "", ProviderName = "",
        OriginLevel = "", OriginRegionCode = "", LocationUrl = "", Checksum = "", SubmittedAt = now,
    };

    private static void Apply(CatalogResource row, ValidResource v, DateTimeOffset now)
    {
        var r = v.Record;
        row.SourceVersion = r.Version;
        row.Title = r.Title.Trim();
        row.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        row.Keywords = v.Keywords;
        (row.Subject, row.Stage, row.Grades) = (r.Subject, r.Stage, v.Grades);
        (row.TextbookEdition, row.TextbookVolume, row.Chapter) = (r.Textbook?.Edition.Trim(), r.Textbook?.Volume?.Trim(), v.Chapter);
        (row.ResourceType, row.Format, row.Size, row.Duration, row.Language) = (r.ResourceType, r.Format, r.Size, r.Duration, r.Language);
        (row.LicenceKind, row.LicenceRegionCode, row.Price) = (r.Licence.Kind, r.Licence.RegionCode, r.Licence.Price);
        (row.ProviderName, row.ProviderOrganizationCode) = (r.Provider.Name.Trim(), r.Provider.OrganizationCode);
        (row.OriginLevel, row.OriginRegionCode, row.OriginSchoolCode) = (v.OriginLevel, v.OriginRegionCode, v.OriginSchoolCode);
        (row.LocationUrl, row.PreviewUrl, row.Checksum) = (r.Location.Url, r.Location.PreviewUrl, r.Checksum.Value);
        row.UpdatedAt = now;
    }
}
