using Hub.Server.Api;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hub.Server.Identity.Registry;

/// <summary>
/// 实名唯一: registering a person either creates the one national identity or resolves to it. Matching is by
/// blind index of the document (or the ID inside a G student number), then the student number, then the
/// platform's own link. A different name for the same document never overwrites: it opens a review case.
/// </summary>
public sealed class PersonRegistry(HubDbContext db, PersonKeys keys, FollowerNotices followers, TimeProvider clock)
{
    public async Task<RegistrationOutcome> RegisterAsync(ValidRegistration registration, Caller caller, CancellationToken ct)
    {
        // Two platforms registering the same new person at once: the loser hits a unique index and retries as a resolve.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(registration, caller, ct);
            }
            catch (DbUpdateException ex) when (attempt < 2 && (ex is DbUpdateConcurrencyException
                || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RegistrationOutcome> RegisterOnceAsync(ValidRegistration r, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var linked = await FindLinkedAsync(caller.PlatformId, r.LocalId, ct);
        var matched = await FindByKeysAsync(r, ct);
        if (linked is not null && matched is not null && linked.Id != matched.Id)
        {
            return RegistrationOutcome.Fail(RegistryErrors.LocalIdLinkedElsewhere);
        }

        var person = matched ?? linked;
        var created = person is null;
        var changed = created;
        long? reviewCaseId = null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (person is null)
        {
            person = new Person { HubId = HubIds.New(), Name = r.Name, RegionCode = r.RegionCode, CreatedAt = now };
            ApplyNewFacts(person, r);
            person.UpdatedAt = now;
            db.Add(person);
            await db.SaveChangesAsync(ct); // assigns id and change version
        }
        else
        {
            if (person.Status is PersonStatus.Merged or PersonStatus.Closed)
            {
                return RegistrationOutcome.Fail(RegistryErrors.PersonNotActive);
            }
            changed = ApplyNewFacts(person, r);
            if (!string.Equals(person.Name, r.Name, StringComparison.Ordinal))
            {
                reviewCaseId = await OpenNameConflictAsync(person, r, caller, now, ct);
            }
            if (changed)
            {
                person.UpdatedAt = now;
                person.ChangeVersion = await db.NextChangeVersionAsync(ct);
            }
        }

        if (linked is null)
        {
            db.Add(new PersonLink { PlatformId = caller.PlatformId, LocalId = r.LocalId, PersonId = person.Id, CreatedAt = now });
        }
        if (changed)
        {
            await followers.NotifyRegionsAsync([person.RegionCode], ["people"], person.ChangeVersion, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RegistrationOutcome.Ok(person, created, reviewCaseId, r.LocalId);
    }

    /// <summary>Adds what the registry does not know yet; never replaces what it knows (that is a review or a key change).</summary>
    internal bool ApplyNewFacts(Person person, ValidRegistration r)
    {
        var changed = false;
        if (person.DocumentIndex is null && r.Document is { } document)
        {
            keys.SetDocument(person, document);
            changed = true;
        }
        if (r.StudentNumber is { } number && (person.StudentNumberIndex is null || person.StudentNumberKind == 'L' && number.Value[0] != 'L'))
        {
            if (person.StudentNumberIndex is not null)
            {
                db.Add(new KeyChange
                {
                    PersonId = person.Id, Kind = KeyChangeKind.StudentNumberReplaced, OldValueMasked = person.StudentNumberMasked,
                    NewValueMasked = Protection.Masking.Number(number.Value), Actor = "registration", OccurredAt = clock.GetUtcNow(),
                });
            }
            keys.SetStudentNumber(person, number);
            changed = true;
        }
        var roles = person.Roles.Union(r.Roles).Order().ToArray();
        if (!roles.SequenceEqual(person.Roles))
        {
            person.Roles = roles;
            changed = true;
        }
        if (person.Gender == Gender.Unknown && r.Gender != Gender.Unknown)
        {
            person.Gender = r.Gender;
            changed = true;
        }
        if (person.BirthDate is null && r.BirthDate is not null)
        {
            person.BirthDate = r.BirthDate;
            changed = true;
        }
        return changed;
    }

    internal async Task<long> OpenNameConflictAsync(Person person, ValidRegistration r, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<ReviewCase>().FirstOrDefaultAsync(c => c.PersonId == person.Id && c.Status == ReviewCaseStatus.Open
            && c.PlatformId == caller.PlatformId && c.ProposedName == r.Name, ct);
        if (open is not null)
        {
            return open.Id;
        }
        var review = new ReviewCase
        {
            PersonId = person.Id, Kind = ReviewCaseKind.NameConflict, PlatformId = caller.PlatformId, LocalId = r.LocalId,
            ProposedName = r.Name, RegionCode = person.RegionCode, Status = ReviewCaseStatus.Open, OpenedAt = now,
        };
        db.Add(review);
        await db.SaveChangesAsync(ct);
        return review.Id;
    }

    private async Task<Person?> FindByKeysAsync(ValidRegistration r, CancellationToken ct)
    {
        var documentIndex = r.Document is { } d ? keys.DocumentIndex(d.Type, d.LifelongNumber)
            : r.StudentNumber is { } s ? keys.EmbeddedDocumentIndex(s) : null;
        if (documentIndex is not null && await Resolve(db.Set<Person>().Where(p => p.DocumentIndex == documentIndex), ct) is { } byDocument)
        {
            return byDocument;
        }
        if (r.StudentNumber is { } number)
        {
            var index = keys.StudentNumberIndex(number.Value);
            return await Resolve(db.Set<Person>().Where(p => p.StudentNumberIndex == index), ct);
        }
        return null;
    }

    private async Task<Person?> FindLinkedAsync(string platformId, string localId, CancellationToken ct) =>
        await Resolve(db.Set<PersonLink>().Where(l => l.PlatformId == platformId && l.LocalId == localId)
            .Join(db.Set<Person>(), l => l.PersonId, p => p.Id, (_, p) => p), ct);

    /// <summary>Follows a merged person to its survivor.</summary>
    private async Task<Person?> Resolve(IQueryable<Person> query, CancellationToken ct)
    {
        var person = await query.FirstOrDefaultAsync(ct);
        for (var hops = 0; person is { MergedIntoId: { } next } && hops < 8; hops++)
        {
            person = await db.Set<Person>().FirstAsync(p => p.Id == next, ct);
        }
        return person;
    }

}
