using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Documents;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Identity.Registry;

/// <summary>Reads of the registry, always inside the caller's jurisdiction: outside it a person does not exist.</summary>
public sealed class PeopleQueries(HubDbContext db, PersonKeys keys, AuditLog audit)
{
    public async Task<Person?> FindAsync(string hubId, Caller caller, CancellationToken ct)
    {
        if (HubIds.Normalize(hubId) is not { } id)
        {
            return null;
        }
        // One query: the person with this hub id, or the survivor it was merged into (its alias); the survivor wins.
        var person = await InScope(caller)
            .Where(p => p.HubId == id || db.Set<PersonAlias>().Any(a => a.HubId == id && a.PersonId == p.Id))
            .OrderBy(p => p.MergedIntoId != null)
            .FirstOrDefaultAsync(ct);
        return person;
    }

    public async Task<string?> LocalIdAsync(long personId, Caller caller, CancellationToken ct) =>
        await db.Set<PersonLink>().Where(l => l.PersonId == personId && l.PlatformId == caller.PlatformId)
            .Select(l => l.LocalId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// By blind index, with the jurisdiction range in the query itself: a person outside the caller's region is
    /// not read at all, so the answer (and its timing) does not tell whether the number is registered elsewhere.
    /// </summary>
    public async Task<Person?> LookupAsync(IdentityDocument? document, StudentNumber? studentNumber, Caller caller, CancellationToken ct)
    {
        var inScope = InScope(caller);
        Person? person = null;
        if (document is not null)
        {
            var index = keys.DocumentIndex(document.Type, document.LifelongNumber);
            person = await inScope.FirstOrDefaultAsync(p => p.DocumentIndex == index, ct);
        }
        if (person is null && studentNumber is not null)
        {
            var index = keys.StudentNumberIndex(studentNumber.Value);
            person = await inScope.FirstOrDefaultAsync(p => p.StudentNumberIndex == index, ct);
        }
        if (person is { MergedIntoId: { } survivor })
        {
            person = await inScope.FirstOrDefaultAsync(p => p.Id == survivor, ct);
        }
        return person;
    }

    private IQueryable<Person> InScope(Caller caller)
    {
        var (lower, upper) = (caller.Scope.Lower, caller.Scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings; no culture is involved
        return db.Set<Person>().AsNoTracking()
            .Where(p => string.Compare(p.RegionCode, lower) >= 0 && string.Compare(p.RegionCode, upper) < 0);
#pragma warning restore CA1309
    }

    /// <summary>Keyset page over (region code, id): the jurisdiction range and the order share one index.</summary>
    public async Task<(List<Person> Items, string? Next)> ListAsync(Caller caller, string? after, int limit, CancellationToken ct)
    {
        var query = InScope(caller);
        if (RegionCursor.Decode(after) is { } cursor)
        {
#pragma warning disable CA1309 // as in InScope
            query = query.Where(p => string.Compare(p.RegionCode, cursor.Region) > 0
                || (p.RegionCode == cursor.Region && p.Id > cursor.Id));
#pragma warning restore CA1309
        }
        var items = await query.OrderBy(p => p.RegionCode).ThenBy(p => p.Id).Take(limit + 1).ToListAsync(ct);
        var next = RegionCursor.TrimPage(items, limit, p => (p.RegionCode, p.Id));
        return (items, next);
    }

    /// <summary>The full document number; the audit entry (caller, purpose) is saved before the number is returned.</summary>
    public async Task<string?> RevealDocumentAsync(Person person, Caller caller, string purpose, CancellationToken ct)
    {
        var number = keys.RevealDocument(person);
        audit.Record(caller.ClientId, "person.document.read", "person", person.HubId,
            number is null ? "absent" : "disclosed", purpose, caller.Scope.Prefix);
        await db.SaveChangesAsync(ct);
        return number;
    }

    public static bool IsCursor(string? after) => RegionCursor.IsValid(after);
}
