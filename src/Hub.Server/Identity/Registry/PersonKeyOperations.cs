using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange.Sync;
using Hub.Server.Identity.Documents;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Identity.Registry;

/// <summary>
/// Changes of a person's keys, each recorded as a key change (never delete + create): merging two hub ids,
/// correcting a document number, resolving a name-conflict review case. All inside the caller's jurisdiction.
/// </summary>
public sealed class PersonKeyOperations(HubDbContext db, PersonKeys keys, AuditLog audit, FollowerNotices followers, TimeProvider clock)
{
    // A merge or a corrected document changes the person (people) and adds a key change (people-keys).
    private static readonly string[] KeyStreams = ["people-keys", "people"];

    public async Task<(Person? Survivor, ErrorDefinition? Error)> MergeAsync(string survivorId, string mergedId, Caller caller, CancellationToken ct)
    {
        var survivor = await FindActiveAsync(survivorId, caller, ct);
        var merged = await FindActiveAsync(mergedId, caller, ct);
        if (survivor is null || merged is null)
        {
            return (null, GeneralErrors.NotFound);
        }
        if (survivor.Id == merged.Id)
        {
            return (null, RegistryErrors.MergeIntoItself);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // The survivor takes over what it lacks; ciphertexts are bound to their owner, so they are re-encrypted.
        var mergedDocument = keys.RevealDocument(merged);
        var moveDocument = survivor.DocumentIndex is null && mergedDocument is not null && merged.DocumentType is not null;
        merged.DocumentIndex = null;
        merged.StudentNumberIndex = survivor.StudentNumberIndex is null ? merged.StudentNumberIndex : null;
        merged.Status = PersonStatus.Merged;
        merged.MergedIntoId = survivor.Id;
        merged.UpdatedAt = now;
        merged.ChangeVersion = await db.NextChangeVersionAsync(ct);
        await db.SaveChangesAsync(ct); // frees the unique indexes before the survivor takes them

        if (moveDocument)
        {
            keys.SetDocument(survivor, mergedDocument!, merged.DocumentType!.Value);
        }
        survivor.Roles = survivor.Roles.Union(merged.Roles).Order().ToArray();
        survivor.UpdatedAt = now;
        survivor.ChangeVersion = await db.NextChangeVersionAsync(ct);
        await db.Set<PersonLink>().Where(l => l.PersonId == merged.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.PersonId, survivor.Id), ct);
        await db.Set<PersonAlias>().Where(a => a.PersonId == merged.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.PersonId, survivor.Id), ct);
        db.Add(new PersonAlias { HubId = merged.HubId, PersonId = survivor.Id, CreatedAt = now });
        db.Add(new KeyChange
        {
            PersonId = survivor.Id, Kind = KeyChangeKind.Merged, MergedHubId = merged.HubId, Actor = caller.ClientId, OccurredAt = now,
        });
        audit.Record(caller.ClientId, "person.merge", "person", survivor.HubId, "merged " + merged.HubId, regionCode: caller.Scope.Prefix);
        await followers.NotifyRegionsAsync([survivor.RegionCode, merged.RegionCode], KeyStreams, merged.ChangeVersion, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (survivor, null);
    }

    public async Task<(Person? Person, ErrorDefinition? Error)> CorrectDocumentAsync(string hubId, IdentityDocument document, Caller caller, CancellationToken ct)
    {
        var person = await FindActiveAsync(hubId, caller, ct);
        if (person is null)
        {
            return (null, GeneralErrors.NotFound);
        }
        var index = keys.DocumentIndex(document.Type, document.LifelongNumber);
        if (await db.Set<Person>().AnyAsync(p => p.DocumentIndex == index && p.Id != person.Id, ct))
        {
            return (null, RegistryErrors.DocumentBelongsToAnother);
        }
        var old = person.DocumentMasked;
        keys.SetDocument(person, document);
        person.ChangeVersion = await db.NextChangeVersionAsync(ct);
        person.UpdatedAt = clock.GetUtcNow();
        db.Add(new KeyChange
        {
            PersonId = person.Id, Kind = KeyChangeKind.DocumentCorrected, OldValueMasked = old, NewValueMasked = person.DocumentMasked,
            Actor = caller.ClientId, OccurredAt = person.UpdatedAt,
        });
        audit.Record(caller.ClientId, "person.document.correct", "person", person.HubId, "corrected", regionCode: caller.Scope.Prefix);
        await followers.NotifyRegionsAsync([person.RegionCode], KeyStreams, person.ChangeVersion, ct);
        await db.SaveChangesAsync(ct);
        return (person, null);
    }

    public async Task<(ReviewCase? Case, ErrorDefinition? Error)> ResolveReviewAsync(long caseId, bool accept, Caller caller, CancellationToken ct)
    {
        var review = await db.Set<ReviewCase>().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (review is null || !caller.Scope.Contains(review.RegionCode))
        {
            return (null, GeneralErrors.NotFound);
        }
        if (review.Status != ReviewCaseStatus.Open)
        {
            return (null, RegistryErrors.ReviewAlreadyResolved);
        }
        var now = clock.GetUtcNow();
        review.Status = accept ? ReviewCaseStatus.Accepted : ReviewCaseStatus.Rejected;
        review.ResolvedAt = now;
        review.ResolvedBy = caller.ClientId;
        if (accept)
        {
            var person = await db.Set<Person>().FirstAsync(p => p.Id == review.PersonId, ct);
            review.Resolution = "name changed";
            person.Name = review.ProposedName;
            person.UpdatedAt = now;
            person.ChangeVersion = await db.NextChangeVersionAsync(ct);
            await followers.NotifyRegionsAsync([person.RegionCode], ["people"], person.ChangeVersion, ct);
        }
        else
        {
            review.Resolution = "name kept";
        }
        audit.Record(caller.ClientId, "identity.review.resolve", "review_case", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            review.Status.ToString(), regionCode: caller.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return (review, null);
    }

    private async Task<Person?> FindActiveAsync(string hubId, Caller caller, CancellationToken ct)
    {
        var id = HubIds.Normalize(hubId);
        var person = id is null ? null : await db.Set<Person>().FirstOrDefaultAsync(p => p.HubId == id, ct);
        return person is { Status: PersonStatus.Active } && caller.Scope.Contains(person.RegionCode) ? person : null;
    }

}
