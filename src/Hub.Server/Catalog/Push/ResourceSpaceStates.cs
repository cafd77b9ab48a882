using Hub.Server.Persistence;
using Hub.Server.Space;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Catalog.Push;

/// <summary>What a person does with an inbox item; every field optional, a missing one is left as it is (rating null clears nothing).</summary>
public sealed record ResourceStateRequest(bool? Saved, bool? Dismissed, int? Rating);

/// <summary>
/// The person's own marks on their resource inbox: dismiss, save, rate — the only rows written per person, and only
/// for resources a push actually brought to them.
/// </summary>
public sealed class ResourceSpaceStates(HubDbContext db, ResourceInbox inbox, TimeProvider clock)
{
    public async Task<ResourceInboxItem?> SetAsync(SpacePerson person, string resourceId, ResourceStateRequest request, CancellationToken ct)
    {
        if (await inbox.FindAsync(person, resourceId, ct) is null)
        {
            return null;
        }
        var key = resourceId.ToUpperInvariant();
        var resource = await db.Set<CatalogResource>().Where(r => r.ResourceId == key).Select(r => r.Id).SingleAsync(ct);
        var state = await db.Set<ResourceSpaceState>().FindAsync([person.Id, resource], ct);
        var now = clock.GetUtcNow();
        if (state is null)
        {
            state = new ResourceSpaceState { PersonId = person.Id, ResourceId = resource };
            db.Add(state);
        }
        if (request.Saved is { } saved)
        {
            state.SavedAt = saved ? state.SavedAt ?? now : null;
        }
        if (request.Dismissed is { } dismissed)
        {
            state.DismissedAt = dismissed ? state.DismissedAt ?? now : null;
        }
        if (request.Rating is { } rating)
        {
            state.Rating = (short)rating;
        }
        state.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<ResourceSpaceState>().Any(e => e.State == EntityState.Added))
        {
            // The same person marked the same item twice at once: the other request created the row; apply ours over it.
            db.ChangeTracker.Clear();
            return await SetAsync(person, resourceId, request, ct);
        }
        return await inbox.FindAsync(person, resourceId, ct);
    }
}
