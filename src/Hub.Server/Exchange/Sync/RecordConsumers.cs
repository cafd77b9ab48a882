using Hub.Contracts.V1;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>Unlinks people a platform deleted, or holds the batch for an operator when it crosses the deletion threshold.</summary>
public sealed class PeopleRemovedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, PeopleRemovals removals, Outbox outbox, HubDbContext db,
    FollowerNotices followers, ExchangeMetrics metrics, TimeProvider clock) : IConsumer<PeopleRemoved>
{
    public async Task Consume(ConsumeContext<PeopleRemoved> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(PeopleRemovedConsumer), context, batch.BatchId, async ct =>
        {
            if (BatchRules.Check(batch.SchemaVersion, batch.Removals?.Count ?? 0) is { } whole)
            {
                outbox.SendToPlatform(platform.PublicId, BatchRules.RejectAll(batch.BatchId, "people", batch.Removals?.Select(r => (r?.Key ?? "", r?.Version ?? 0)), whole)
                    .ToMessage(clock.GetUtcNow()));
                return;
            }
            var (answer, hold) = await removals.ApplyAsync(platform, batch.BatchId, batch.Removals!, confirmed: false, ct);
            if (hold is not null)
            {
                await db.SaveChangesAsync(ct);
                outbox.SendToPlatform(platform.PublicId, new RemovalsHeld(batch.BatchId, "people", hold.Id, hold.Count, hold.Share, hold.HeldAt));
            }
            if (answer.Assigned.Count + answer.Rejected.Count > 0)
            {
                outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            }
            await followers.NotifyAsync(platform, "people-deletes", answer.Assigned.Any(a => a.Outcome == Outcomes.Removed), ct);
            metrics.Batch(platform.PublicId, "people-removals", answer.Assigned.Count, answer.Rejected.Count, answer.Rejected.Select(r => r.Code));
        });
    }
}

/// <summary>Moves a platform's links to its new local ids (the version rule applies to key changes too).</summary>
public sealed class KeysChangedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, HubDbContext db, Outbox outbox, TimeProvider clock) : IConsumer<KeysChanged>
{
    public async Task Consume(ConsumeContext<KeysChanged> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(KeysChangedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = new SyncAnswer(batch.BatchId, "people");
            if (BatchRules.Check(batch.SchemaVersion, batch.Changes?.Count ?? 0) is { } whole)
            {
                answer = BatchRules.RejectAll(batch.BatchId, "people", batch.Changes?.Select(c => (c?.OldLocalId ?? "", c?.Version ?? 0)), whole);
            }
            else
            {
                foreach (var change in batch.Changes!.Where(c => c is not null).OrderBy(c => c.Version))
                {
                    await MoveAsync(platform, change, answer, ct);
                }
            }
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
        });
    }

    private async Task MoveAsync(SyncPlatform platform, LocalKeyChange change, SyncAnswer answer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(change.NewLocalId) || change.NewLocalId.Length > 128 || change.NewLocalId.Any(char.IsControl))
        {
            answer.Reject(change.OldLocalId ?? "", change.Version, "newLocalId", ExchangeErrors.KeyInvalid);
            return;
        }
        var links = db.Set<Identity.Registry.PersonLink>().Where(l => l.PlatformId == platform.LinkPlatformId);
        var link = await links.AsNoTracking().FirstOrDefaultAsync(l => l.LocalId == change.OldLocalId, ct);
        if (link is null)
        {
            answer.Reject(change.OldLocalId ?? "", change.Version, "oldLocalId", ExchangeErrors.UnknownKey);
            return;
        }
        var hubId = await db.Set<Identity.Registry.Person>().Where(p => p.Id == link.PersonId).Select(p => p.HubId).FirstAsync(ct);
        if (link.SourceVersion >= change.Version)
        {
            answer.Assign(change.NewLocalId, hubId, change.Version, Outcomes.Stale);
            return;
        }
        if (await links.AnyAsync(l => l.LocalId == change.NewLocalId, ct))
        {
            answer.Reject(change.OldLocalId!, change.Version, "newLocalId", ExchangeErrors.KeyTaken);
            return;
        }
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE person_links SET local_id = {change.NewLocalId}, source_version = {change.Version} WHERE platform_id = {platform.LinkPlatformId} AND local_id = {change.OldLocalId}", ct);
        answer.Assign(change.NewLocalId, hubId, change.Version, Outcomes.Updated);
    }
}

/// <summary>Applies a platform's schools.</summary>
public sealed class OrganizationsChangedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, OrganizationSync sync, Outbox outbox,
    FollowerNotices followers, ExchangeMetrics metrics, TimeProvider clock) : IConsumer<OrganizationsChanged>
{
    public async Task Consume(ConsumeContext<OrganizationsChanged> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(OrganizationsChangedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = BatchRules.Check(batch.SchemaVersion, batch.Changes?.Count ?? 0) is { } whole
                ? BatchRules.RejectAll(batch.BatchId, "organizations", batch.Changes?.Select(c => (c?.Code ?? "", c?.Version ?? 0)), whole)
                : await sync.ApplyAsync(platform, batch, ct);
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            await followers.NotifyAsync(platform, "organizations", answer.Assigned.Count > 0, ct);
            metrics.Batch(platform.PublicId, "organizations", answer.Assigned.Count, answer.Rejected.Count, answer.Rejected.Select(r => r.Code));
        });
    }
}

/// <summary>Closes schools a platform deleted.</summary>
public sealed class OrganizationsRemovedConsumer(SyncPlatforms platforms, SyncUnitOfWork unit, OrganizationSync sync, Outbox outbox,
    FollowerNotices followers, TimeProvider clock) : IConsumer<OrganizationsRemoved>
{
    public async Task Consume(ConsumeContext<OrganizationsRemoved> context)
    {
        var batch = context.Message;
        if (await platforms.ResolveAsync(context, batch.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        await unit.RunAsync(nameof(OrganizationsRemovedConsumer), context, batch.BatchId, async ct =>
        {
            var answer = BatchRules.Check(batch.SchemaVersion, batch.Removals?.Count ?? 0) is { } whole
                ? BatchRules.RejectAll(batch.BatchId, "organizations", batch.Removals?.Select(r => (r?.Key ?? "", r?.Version ?? 0)), whole)
                : await sync.RemoveAsync(platform, batch, ct);
            outbox.SendToPlatform(platform.PublicId, answer.ToMessage(clock.GetUtcNow()));
            // The stream a follower reads deletions from: it pulls only the streams its notices name.
            await followers.NotifyAsync(platform, "organizations-deletes", answer.Assigned.Any(a => a.Outcome == Outcomes.Removed), ct);
        });
    }
}

/// <summary>Keeps the platform's last heartbeat for the console; no transaction or inbox needed, the newest one wins.</summary>
public sealed class HeartbeatConsumer(SyncPlatforms platforms, HubDbContext db) : IConsumer<Heartbeat>
{
    public async Task Consume(ConsumeContext<Heartbeat> context)
    {
        var beat = context.Message;
        if (await platforms.ResolveAsync(context, beat.SourcePlatform, context.CancellationToken) is not ({ } platform, _))
        {
            return;
        }
        var counts = System.Text.Json.JsonSerializer.Serialize(beat.SourceCounts ?? new Dictionary<string, long>());
        var version = (beat.AdapterVersion ?? "").Length > 64 ? beat.AdapterVersion![..64] : beat.AdapterVersion ?? "";
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO platform_sync_states (platform_id, last_heartbeat_at, adapter_version, source_counts, last_source_version, pending_outbox,
                acknowledged_hub_version, messages_in, records_applied, records_rejected)
            VALUES ({platform.PublicId}, {beat.SentAt}, {version}, {counts}::jsonb, {beat.LastSourceVersion}, {beat.PendingOutbox}, {beat.AcknowledgedHubVersion}, 0, 0, 0)
            ON CONFLICT (platform_id) DO UPDATE SET last_heartbeat_at = excluded.last_heartbeat_at, adapter_version = excluded.adapter_version,
                source_counts = excluded.source_counts, last_source_version = excluded.last_source_version, pending_outbox = excluded.pending_outbox,
                acknowledged_hub_version = excluded.acknowledged_hub_version
            WHERE platform_sync_states.last_heartbeat_at IS NULL OR platform_sync_states.last_heartbeat_at < excluded.last_heartbeat_at
            """, context.CancellationToken);
    }
}
