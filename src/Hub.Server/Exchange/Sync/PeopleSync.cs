using Hub.Contracts.V1;
using Hub.Server.Identity;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Exchange.Sync;

/// <summary>
/// Applies a <see cref="PeopleChanged"/> batch with the registry's rules (实名唯一, name conflicts to review, facts only
/// added), set-based: one query for the platform's links, one for the people the documents match, one insert for the
/// new people and one upsert for the links. The version rule lives in the link upsert's WHERE clause, so a duplicate or
/// reordered delivery cannot move a link backwards even when two batches race.
/// </summary>
internal sealed class PeopleSync(HubDbContext db, PersonKeys keys, PersonRegistry registry, RegistrationValidator validator,
    PeopleBulkWriter writer, TimeProvider clock)
{
    internal async Task<SyncAnswer> ApplyAsync(SyncPlatform platform, PeopleChanged batch, CancellationToken ct)
    {
        var answer = new SyncAnswer(batch.BatchId, "people");
        var latest = ValidateAndDeduplicate(platform, batch, answer);
        await KeyLocks.LockAsync(db, platform.LinkPlatformId, "people", latest.Keys, ct);
        var links = await writer.LoadLinksAsync(platform.LinkPlatformId, [.. latest.Keys], ct);
        var pending = new List<(PersonChange Change, ValidRegistration Valid)>(latest.Count);
        var staleIds = new List<(PersonChange Change, long PersonId)>();
        var staleRemoved = new List<PersonChange>();
        foreach (var (change, valid) in latest.Values)
        {
            if (links.TryGetValue(change.LocalId, out var link) && link.SourceVersion >= change.Version)
            {
                if (link.PersonId is { } personId && !link.Removed)
                {
                    staleIds.Add((change, personId));
                }
                else
                {
                    staleRemoved.Add(change);
                }
            }
            else
            {
                pending.Add((change, valid));
            }
        }

        var now = clock.GetUtcNow();
        // Each blind index once per record (an HMAC each): the lookup and the matching below share them.
        var indexes = pending.ToDictionary(p => p.Change.LocalId, p => BlindIndexes(p.Valid), StringComparer.Ordinal);
        var known = await LoadPeopleAsync(platform, indexes, links, ct);
        var created = new Dictionary<string, Person>(StringComparer.Ordinal);
        var newPeople = new List<Person>();
        var linkRows = new List<(string LocalId, Person Person, long Version)>();
        var outcomes = new List<(PersonChange Change, Person Person, string Outcome)>();
        foreach (var (change, valid) in pending)
        {
            var linked = links.TryGetValue(change.LocalId, out var link) && link.PersonId is { } linkedId ? known.Resolve(linkedId) : null;
            var (documentKey, studentKey) = IndexKeys(indexes[change.LocalId]);
            var matched = known.ByIndex(documentKey) ?? known.ByIndex(studentKey);
            if (linked is not null && matched is not null && linked.Id != matched.Id)
            {
                answer.Reject(change.LocalId, change.Version, "localId", RegistryErrors.LocalIdLinkedElsewhere);
                continue;
            }
            var person = matched ?? linked;
            string outcome;
            if (person is null)
            {
                // Two local ids with one document in the same batch are one new person.
                var batchKey = documentKey ?? studentKey;
                if (batchKey is not null && created.TryGetValue(batchKey, out var sibling))
                {
                    person = sibling;
                    outcome = Outcomes.Linked;
                }
                else
                {
                    person = NewPerson(valid, indexes[change.LocalId], now);
                    newPeople.Add(person);
                    if (batchKey is not null)
                    {
                        created[batchKey] = person;
                    }
                    outcome = Outcomes.Created;
                }
            }
            else if (person.Status is PersonStatus.Merged or PersonStatus.Closed)
            {
                answer.Reject(change.LocalId, change.Version, null, RegistryErrors.PersonNotActive);
                continue;
            }
            else
            {
                var changed = registry.ApplyNewFacts(person, valid);
                if (!string.Equals(person.Name, valid.Name, StringComparison.Ordinal) && linked?.Id == person.Id && !known.IsShared(person.Id))
                {
                    // The platform's own newer record of a person no other platform holds: its correction stands, so
                    // versions alone decide (a reordered delivery ends with the same name).
                    person.Name = valid.Name;
                    changed = true;
                }
                else if (!string.Equals(person.Name, valid.Name, StringComparison.Ordinal))
                {
                    var caseId = await registry.OpenNameConflictAsync(person, valid, platform.Caller, now, ct);
                    answer.Conflicts.Add(new IdentityConflict(change.LocalId, person.HubId, caseId, "name"));
                }
                if (changed)
                {
                    person.UpdatedAt = now;
                    person.ChangeVersion = await db.NextChangeVersionAsync(ct);
                }
                outcome = linked is null ? Outcomes.Linked : changed ? Outcomes.Updated : Outcomes.Unchanged;
            }
            linkRows.Add((change.LocalId, person, change.Version));
            outcomes.Add((change, person, outcome));
        }

        await db.SaveChangesAsync(ct);
        // One order for every batch (by blind index, by local id): concurrent batches then wait on each other
        // instead of deadlocking on the unique indexes.
        newPeople.Sort((a, b) => CompareIndexes(a, b));
        linkRows.Sort((a, b) => string.CompareOrdinal(a.LocalId, b.LocalId));
        await writer.InsertPeopleAsync(newPeople, ct);
        var applied = await writer.UpsertLinksAsync(platform.LinkPlatformId, linkRows.ConvertAll(r => (r.LocalId, r.Person.Id, r.Version)), links, now, ct);
        await writer.AddAffiliationsAsync(outcomes.ConvertAll(o => (o.Person.Id, o.Change)), newPeople.Select(p => p.Id).ToHashSet(), ct);
        foreach (var (change, person, outcome) in outcomes)
        {
            answer.Assign(change.LocalId, person.HubId, change.Version, applied.Contains(change.LocalId) ? outcome : Outcomes.Stale);
        }
        var staleHubIds = await writer.HubIdsAsync(staleIds.ConvertAll(s => s.PersonId), ct);
        foreach (var (change, personId) in staleIds)
        {
            answer.Assign(change.LocalId, staleHubIds[personId], change.Version, Outcomes.Stale);
        }
        foreach (var change in staleRemoved)
        {
            answer.Reject(change.LocalId, change.Version, "version", ExchangeErrors.RemovedLater);
        }
        return answer;
    }

    /// <summary>Checks every record; of several versions of one local id in the batch only the newest is applied.</summary>
    private Dictionary<string, (PersonChange, ValidRegistration)> ValidateAndDeduplicate(SyncPlatform platform, PeopleChanged batch, SyncAnswer answer)
    {
        var latest = new Dictionary<string, (PersonChange Change, ValidRegistration Valid)>(StringComparer.Ordinal);
        foreach (var change in batch.Changes)
        {
            if (change is null)
            {
                continue;
            }
            if (change.Version <= 0)
            {
                answer.Reject(change.LocalId ?? "", change.Version, "version", ExchangeErrors.VersionInvalid);
                continue;
            }
            var request = new RegisterPersonRequest(change.LocalId, change.Name,
                change.Document is { } d ? new DocumentInput((DocumentType)d.Type, d.Number) : null,
                change.StudentNumber, change.Roles?.ToArray(), change.RegionCode,
                change.Gender is { } g ? (Gender)g : null, change.BirthDate);
            var (valid, errors) = validator.Validate(request, platform.Caller);
            if (valid is null)
            {
                answer.Reject(change.LocalId ?? "", change.Version, errors[0]);
                continue;
            }
            if (latest.TryGetValue(valid.LocalId, out var other))
            {
                var (older, newer) = other.Change.Version >= change.Version ? (change, other) : (other.Change, (change, valid));
                answer.Reject(older.LocalId, older.Version, "version", ExchangeErrors.SupersededInBatch);
                latest[valid.LocalId] = newer;
                continue;
            }
            latest[valid.LocalId] = (change with { LocalId = valid.LocalId }, valid);
        }
        return latest;
    }

    /// <summary>The document's blind index (or the one embedded in a student number) and the student number's.</summary>
    private (byte[]? Document, byte[]? Student) BlindIndexes(ValidRegistration r) =>
        (r.Document is { } d ? keys.DocumentIndex(d.Type, d.LifelongNumber) : r.StudentNumber is { } s ? keys.EmbeddedDocumentIndex(s) : null,
         r.StudentNumber is { } n ? keys.StudentNumberIndex(n.Value) : null);

    private static (string? Document, string? Student) IndexKeys((byte[]? Document, byte[]? Student) i) =>
        (i.Document is null ? null : "d" + Convert.ToBase64String(i.Document), i.Student is null ? null : "s" + Convert.ToBase64String(i.Student));

    /// <summary>The people the batch's links and documents point at, tracked, with merged ones followed to their survivor.</summary>
    private async Task<KnownPeople> LoadPeopleAsync(SyncPlatform platform, Dictionary<string, (byte[]? Document, byte[]? Student)> indexes,
        Dictionary<string, PeopleBulkWriter.LinkRow> links, CancellationToken ct)
    {
        var linkedIds = links.Values.Where(l => l.PersonId is not null).Select(l => l.PersonId!.Value).ToList();
        // Raw SQL: EF's translation of Contains over a nullable column adds "OR column IS NULL AND array_position(…)",
        // which no index answers, so every batch scanned the whole registry.
        var documents = indexes.Values.Where(i => i.Document is not null).Select(i => i.Document!).ToArray();
        var students = indexes.Values.Where(i => i.Student is not null).Select(i => i.Student!).ToArray();
        var ids = linkedIds.ToArray();
        var people = indexes.Count == 0 ? [] : await db.Set<Person>()
            .FromSqlInterpolated($"SELECT * FROM people WHERE document_index = ANY({documents}) OR student_number_index = ANY({students}) OR id = ANY({ids})")
            .ToListAsync(ct);
        var known = new KnownPeople(people);
        for (var hops = 0; hops < 8 && known.MissingSurvivors() is { Count: > 0 } missing; hops++)
        {
            known.AddRange(await db.Set<Person>().Where(p => missing.Contains(p.Id)).ToListAsync(ct));
        }
        if (linkedIds.Count > 0)
        {
            known.MarkShared(await db.Set<PersonLink>()
                .Where(l => linkedIds.Contains(l.PersonId) && l.PlatformId != platform.LinkPlatformId && l.RemovedAt == null)
                .Select(l => l.PersonId).Distinct().ToListAsync(ct));
        }
        return known;
    }

    private static int CompareIndexes(Person a, Person b)
    {
        var byDocument = ((ReadOnlySpan<byte>)(a.DocumentIndex ?? [])).SequenceCompareTo(b.DocumentIndex ?? []);
        return byDocument != 0 ? byDocument : ((ReadOnlySpan<byte>)(a.StudentNumberIndex ?? [])).SequenceCompareTo(b.StudentNumberIndex ?? []);
    }

    /// <summary>A new person; the blind indexes the batch looked it up by are reused (an HMAC each saved).</summary>
    private Person NewPerson(ValidRegistration r, (byte[]? Document, byte[]? Student) index, DateTimeOffset now)
    {
        var person = new Person
        {
            HubId = HubIds.New(), Name = r.Name, RegionCode = r.RegionCode, CreatedAt = now, UpdatedAt = now,
            Roles = r.Roles, Gender = r.Gender, BirthDate = r.BirthDate,
        };
        if (r.Document is { } document)
        {
            // With a document, the batch's document index is the document's own (not one embedded in a student number).
            keys.SetDocument(person, document, index.Document);
        }
        if (r.StudentNumber is { } number)
        {
            keys.SetStudentNumber(person, number, index.Student);
        }
        return person;
    }
}
