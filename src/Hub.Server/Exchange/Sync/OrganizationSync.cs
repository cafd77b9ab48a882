using Hub.Contracts.V1;
using Hub.Server.Oidc;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// Applies schools from a platform with the directory's validation and the version rule per (platform, code). A school
/// registered outside the platform's jurisdiction, or a bureau with that code, is never touched.
/// </summary>
public sealed class OrganizationSync(HubDbContext db, OrganizationValidator validator, TimeProvider clock)
{
    internal async Task<SyncAnswer> ApplyAsync(SyncPlatform platform, OrganizationsChanged batch, CancellationToken ct)
    {
        var answer = new SyncAnswer(batch.BatchId, "organizations");
        var latest = new Dictionary<string, (OrganizationChange Change, ValidSchool School)>(StringComparer.Ordinal);
        foreach (var change in batch.Changes.Where(c => c is not null))
        {
            if (change.Version <= 0)
            {
                answer.Reject(change.Code ?? "", change.Version, "version", ExchangeErrors.VersionInvalid);
                continue;
            }
            var request = new SchoolRequest(change.Code, change.Name, change.SchoolType, change.RegionCode, change.Bandwidth, change.ClassCount,
                change.MultimediaClassCount, change.MobileTerminalClassCount, change.TeacherCount, change.StudentCount);
            var (valid, errors) = validator.Validate(request, platform.Caller);
            if (valid is null)
            {
                answer.Reject(change.Code ?? "", change.Version, errors[0]);
            }
            else if (latest.TryGetValue(valid.Code, out var other) && other.Change.Version >= change.Version)
            {
                answer.Reject(change.Code!, change.Version, "version", ExchangeErrors.SupersededInBatch);
            }
            else
            {
                if (latest.TryGetValue(valid.Code, out var replaced))
                {
                    answer.Reject(replaced.Change.Code, replaced.Change.Version, "version", ExchangeErrors.SupersededInBatch);
                }
                latest[valid.Code] = (change, valid);
            }
        }

        var codes = latest.Keys.ToList();
        await KeyLocks.LockAsync(db, platform.LinkPlatformId, "organizations", codes, ct);
        var sources = await db.Set<OrganizationSource>().Where(s => s.PlatformId == platform.LinkPlatformId && codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        var existing = await db.Set<Organization>().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, ct);
        var early = await db.Set<RemovedKey>().Where(k => k.PlatformId == platform.LinkPlatformId && k.Entity == "organizations" && codes.Contains(k.Key))
            .ToDictionaryAsync(k => k.Key, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        foreach (var (code, (change, school)) in latest)
        {
            if ((sources.TryGetValue(code, out var source) && source.SourceVersion >= change.Version)
                || (early.TryGetValue(code, out var removed) && removed.Version >= change.Version))
            {
                answer.Assign(code, code, change.Version, Outcomes.Stale);
                continue;
            }
            if (existing.TryGetValue(code, out var organization)
                && (organization.Kind != OrganizationKind.School || !platform.Caller.Scope.Contains(organization.RegionCode)))
            {
                answer.Reject(code, change.Version, "code", OrganizationErrors.CodeTaken);
                continue;
            }
            var outcome = Outcomes.Updated;
            if (organization is null)
            {
                organization = new Organization
                {
                    Code = code, Kind = OrganizationKind.School, Name = school.Name, RegionCode = school.RegionCode,
                    Level = JurisdictionLevel.School, CreatedBy = platform.Caller.Actor, CreatedAt = now,
                };
                db.Add(organization);
                outcome = Outcomes.Created;
            }
            else
            {
                organization.ChangeVersion = await db.NextChangeVersionAsync(ct);
            }
            OrganizationDirectory.Apply(organization, school);
            organization.Status = OrganizationStatus.Active;
            organization.UpdatedAt = now;
            if (source is null)
            {
                db.Add(new OrganizationSource { PlatformId = platform.LinkPlatformId, Code = code, SourceVersion = change.Version, UpdatedAt = now });
            }
            else
            {
                (source.SourceVersion, source.RemovedAt, source.UpdatedAt) = (change.Version, null, now);
            }
            answer.Assign(code, code, change.Version, outcome);
        }
        return answer;
    }

    /// <summary>Closes schools this platform deleted, when it is their source and the deletion is newer.</summary>
    internal async Task<SyncAnswer> RemoveAsync(SyncPlatform platform, OrganizationsRemoved batch, CancellationToken ct)
    {
        var answer = new SyncAnswer(batch.BatchId, "organizations");
        var now = clock.GetUtcNow();
        var removals = batch.Removals.Where(r => r is not null && !string.IsNullOrWhiteSpace(r.Key) && r.Key.Length <= 16).ToList();
        foreach (var bad in batch.Removals.Where(r => r is not null).Except(removals))
        {
            answer.Reject(bad.Key ?? "", bad.Version, "key", ExchangeErrors.KeyInvalid);
        }
        var codes = removals.Select(r => r.Key).ToList();
        await KeyLocks.LockAsync(db, platform.LinkPlatformId, "organizations", codes, ct);
        var sources = await db.Set<OrganizationSource>().Where(s => s.PlatformId == platform.LinkPlatformId && codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, ct);
        foreach (var removal in removals.GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Version)!))
        {
            if (!sources.TryGetValue(removal.Key, out var source))
            {
                var early = await db.Set<RemovedKey>().FindAsync([platform.LinkPlatformId, "organizations", removal.Key], ct);
                if (early is null)
                {
                    db.Add(new RemovedKey { PlatformId = platform.LinkPlatformId, Entity = "organizations", Key = removal.Key, Version = removal.Version, RemovedAt = now });
                }
                else if (early.Version < removal.Version)
                {
                    (early.Version, early.RemovedAt) = (removal.Version, now);
                }
                answer.Assign(removal.Key, removal.Key, removal.Version, Outcomes.Stale);
                continue;
            }
            if (source.SourceVersion >= removal.Version)
            {
                answer.Assign(removal.Key, removal.Key, removal.Version, Outcomes.Stale);
                continue;
            }
            (source.SourceVersion, source.RemovedAt, source.UpdatedAt) = (removal.Version, now, now);
            var organization = await db.Set<Organization>().FirstAsync(o => o.Code == removal.Key, ct);
            organization.Status = OrganizationStatus.Closed;
            organization.UpdatedAt = now;
            organization.ChangeVersion = await db.NextChangeVersionAsync(ct);
            db.Add(new ChangeTombstone
            {
                Entity = "organizations", Key = removal.Key, RegionCode = organization.RegionCode, PlatformId = platform.LinkPlatformId,
                Reason = "closed", OccurredAt = now,
            });
            answer.Assign(removal.Key, removal.Key, removal.Version, Outcomes.Removed);
        }
        return answer;
    }
}
