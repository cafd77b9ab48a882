using Hub.Server.Identity.Registry;

namespace Hub.Server.Exchange.Sync;

/// <summary>The people one batch touches, by id and by blind index ("d"/"s" + base64), merged ones resolved to survivors.</summary>
internal sealed class KnownPeople
{
    private readonly Dictionary<long, Person> _byId = [];
    private readonly Dictionary<string, Person> _byIndex = new(StringComparer.Ordinal);
    private readonly HashSet<long> _shared = [];

    public KnownPeople(IEnumerable<Person> people) => AddRange(people);

    public void AddRange(IEnumerable<Person> people)
    {
        foreach (var person in people)
        {
            _byId[person.Id] = person;
            if (person.DocumentIndex is { } d)
            {
                _byIndex["d" + Convert.ToBase64String(d)] = person;
            }
            if (person.StudentNumberIndex is { } s)
            {
                _byIndex["s" + Convert.ToBase64String(s)] = person;
            }
        }
    }

    /// <summary>Records that these people are also linked to other platforms.</summary>
    public void MarkShared(IEnumerable<long> personIds) => _shared.UnionWith(personIds);

    public bool IsShared(long personId) => _shared.Contains(personId);

    /// <summary>Survivors of merged people that are not loaded yet.</summary>
    public List<long> MissingSurvivors() =>
        _byId.Values.Where(p => p.MergedIntoId is { } next && !_byId.ContainsKey(next)).Select(p => p.MergedIntoId!.Value).Distinct().ToList();

    public Person? ByIndex(string? key) => key is not null && _byIndex.TryGetValue(key, out var person) ? Resolve(person.Id) : null;

    public Person? Resolve(long id)
    {
        var person = _byId.GetValueOrDefault(id);
        for (var hops = 0; person is { MergedIntoId: { } next } && hops < 8; hops++)
        {
            person = _byId.GetValueOrDefault(next);
        }
        return person;
    }
}
