using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Delivery;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog.Review;

/// <summary>A review decision: approve, or reject with reasons.</summary>
public sealed record ReviewDecisionRequest(string? Decision, string[]? Reasons);

/// <summary>Withdrawing a resource from every catalog (and every space it was pushed to).</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>The outcome of a review or withdrawal: the resource, or the error (field errors for validation).</summary>
public sealed record ReviewOutcome(CatalogResource? Resource, ErrorDefinition? Error = null, string? Field = null);

/// <summary>
/// Content review (内容审查): a pending resource is decided by a reviewer of its origin level (a school's county for a
/// school), inside whose jurisdiction it entered; nobody else may decide, and a resource outside the reviewer's subtree
/// does not exist for them (404, audited). Every decision is audited in the same transaction, bumps the change version
/// (the feed carries it), is announced to the provider platform (<see cref="ResourceReviewed"/>) and to the platforms
/// above (ChangesAvailable). Withdrawal works the same way for reviewers of the origin's jurisdiction and for the provider.
/// </summary>
public sealed class ResourceReviews(HubDbContext db, CatalogQueries catalog, AuditLog audit, Outbox outbox, OutboxSignal signal,
    FollowerNotices followers, TimeProvider clock)
{
    public const int MaxReasons = 10;
    public const int MaxReasonLength = 500;

    public async Task<ReviewOutcome> DecideAsync(Caller reviewer, string resourceId, ReviewDecisionRequest request, CancellationToken ct)
    {
        var reasons = (request.Reasons ?? []).Select(r => r?.Trim() ?? "").ToArray();
        var approve = request.Decision == "approve";
        if ((!approve && request.Decision != "reject") || reasons.Length > MaxReasons || reasons.Any(r => r.Length is 0 or > MaxReasonLength)
            || (!approve && reasons.Length == 0))
        {
            return new ReviewOutcome(null, ResourceErrors.DecisionInvalid, request.Decision is "approve" or "reject" ? "reasons" : "decision");
        }
        return await ChangeAsync(reviewer, resourceId, "resource.review." + request.Decision, (row, _) =>
        {
            if ((reviewer.RegionCode ?? "000000") != row.OriginRegionCode)
            {
                return Task.FromResult<ErrorDefinition?>(ResourceErrors.WrongLevel);
            }
            if (row.Status != ResourceStatus.Pending)
            {
                return Task.FromResult<ErrorDefinition?>(ResourceErrors.NotPending);
            }
            var now = clock.GetUtcNow();
            (row.Status, row.Reasons, row.ReviewedBy, row.ReviewedAt) = (approve ? ResourceStatus.Approved : ResourceStatus.Rejected, reasons, reviewer.Actor, now);
            row.ApprovedAt = approve ? now : row.ApprovedAt;
            return Task.FromResult<ErrorDefinition?>(null);
        }, ct);
    }

    public async Task<ReviewOutcome> WithdrawAsync(Caller caller, string resourceId, WithdrawRequest request, CancellationToken ct)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return new ReviewOutcome(null, ResourceErrors.ReasonInvalid, "reason");
        }
        return await ChangeAsync(caller, resourceId, "resource.withdraw", async (row, ct2) =>
        {
            if (row.Status == ResourceStatus.Withdrawn)
            {
                return ResourceErrors.NotPending;
            }
            await WithdrawRowAsync(row, [reason], caller.Actor, ct2);
            return null;
        }, ct);
    }

    /// <summary>Marks the row withdrawn everywhere: status, a tombstone for the feed's resources-deletes stream.</summary>
    public async Task WithdrawRowAsync(CatalogResource row, string[] reasons, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        (row.Status, row.Reasons, row.ReviewedBy, row.ReviewedAt, row.UpdatedAt) = (ResourceStatus.Withdrawn, reasons, actor, now, now);
        row.ChangeVersion = await db.NextChangeVersionAsync(ct);
        db.Add(new ChangeTombstone
        {
            Entity = "resources", Key = row.ResourceId, RegionCode = row.OriginRegionCode, PlatformId = row.ProviderId, Reason = "withdrawn", OccurredAt = now,
        });
    }

    /// <summary>Tells the provider platform (if the provider is a connected platform) what became of its resource.</summary>
    public async Task NotifyProviderAsync(CatalogResource row, CancellationToken ct)
    {
        var publicId = await db.Set<PlatformAccess>().AsNoTracking().Where(a => a.ClientId == row.ProviderId).Select(a => a.PublicId).FirstOrDefaultAsync(ct);
        if (publicId is not null)
        {
            outbox.SendToPlatform(publicId, new ResourceReviewed(row.ResourceId, row.SourceId, row.SourceVersion, CatalogViews.Status(row.Status),
                CatalogViews.ReviewLevel(row), row.OriginRegionCode, row.Reasons, clock.GetUtcNow()));
        }
    }

    private async Task<ReviewOutcome> ChangeAsync(Caller caller, string resourceId, string action,
        Func<CatalogResource, CancellationToken, Task<ErrorDefinition?>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await catalog.FindAsync(caller, resourceId, action, ct);
        if (found is null || (action == "resource.withdraw" && found.ProviderId != ResourceValidator.ProviderId(caller)
            && !(caller.HasScope(Oidc.HubScopes.ResourcesReview) && caller.Scope.Contains(found.OriginRegionCode))))
        {
            await transaction.CommitAsync(ct);
            return new ReviewOutcome(null, GeneralErrors.NotFound);
        }
        var row = await db.Set<CatalogResource>().FromSql($"SELECT * FROM resources WHERE id = {found.Id} FOR UPDATE").SingleAsync(ct);
        if (await change(row, ct) is { } error)
        {
            return new ReviewOutcome(null, error);
        }
        row.ChangeVersion = row.Status == ResourceStatus.Withdrawn ? row.ChangeVersion : await db.NextChangeVersionAsync(ct);
        row.UpdatedAt = clock.GetUtcNow();
        audit.Record(caller.Actor, action, "resource", row.ResourceId, CatalogViews.Status(row.Status), string.Join("; ", row.Reasons),
            caller.RegionCode);
        await NotifyProviderAsync(row, ct);
        await NotifyFollowersAsync(row, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return new ReviewOutcome(row);
    }

    /// <summary>The platforms above the origin learn that the resources feed moved.</summary>
    private async Task NotifyFollowersAsync(CatalogResource row, CancellationToken ct)
    {
        var source = new SyncPlatform("", row.OriginRegionCode, Caller.System);
        await followers.NotifyAsync(source, row.Status == ResourceStatus.Withdrawn ? "resources-deletes" : "resources", true, ct);
    }
}
