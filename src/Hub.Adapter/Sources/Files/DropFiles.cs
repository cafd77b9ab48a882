using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hub.Adapter.Store;
using Hub.Contracts.V1;

namespace Hub.Adapter.Sources.Files;

/// <summary>What a dropped file holds, from its name.</summary>
internal enum DropKind
{
    People,
    Organizations,
    PeopleRemoved,
    OrganizationsRemoved,
    PeopleKeys,
}

/// <summary>
/// Reads dropped files as contract records. CSV headers are the platform layout's column names (people: local_id,
/// version, name, document_type, document_number, student_number, roles as "0;1", region_code, gender, birth_date,
/// affiliations as "code:role:yyyy-MM-dd|…"); JSON files are arrays of the contract records (camelCase).
/// </summary>
internal static class DropFiles
{
    public static DropKind? KindOf(string fileName)
    {
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // Longest prefixes first: "people-removed-x.csv" also starts with "people-".
        return fileName switch
        {
            _ when fileName.StartsWith("people-removed-", StringComparison.Ordinal) => DropKind.PeopleRemoved,
            _ when fileName.StartsWith("people-keys-", StringComparison.Ordinal) => DropKind.PeopleKeys,
            _ when fileName.StartsWith("organizations-removed-", StringComparison.Ordinal) => DropKind.OrganizationsRemoved,
            _ when fileName.StartsWith("people-", StringComparison.Ordinal) => DropKind.People,
            _ when fileName.StartsWith("organizations-", StringComparison.Ordinal) => DropKind.Organizations,
            _ => null,
        };
    }

    public static IAsyncEnumerable<T> ReadAsync<T>(string path, Func<Row, T> fromCsv, CancellationToken ct) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJsonAsync<T>(path, ct) : ReadCsvAsync(path, fromCsv, ct);

    private static async IAsyncEnumerable<T> ReadJsonAsync<T>(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<T>(stream, AdapterTransaction.Json, ct).ConfigureAwait(false))
        {
            yield return item ?? throw new FormatException("A JSON item is null.");
        }
    }

    private static async IAsyncEnumerable<T> ReadCsvAsync<T>(string path, Func<Row, T> map, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        Dictionary<string, int>? header = null;
        var line = 0;
        await foreach (var fields in Csv.ReadAsync(reader, ct).ConfigureAwait(false))
        {
            line++;
            if (header is null)
            {
                header = fields.Select((name, i) => (name.Trim(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);
                continue;
            }
            T record;
            try
            {
                record = map(new Row(header, fields));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException)
            {
                throw new FormatException($"Line {line}: {e.Message}", e);
            }
            yield return record;
        }
    }

    public static PersonChange Person(Row r) => new(
        r.Required("local_id"), r.Long("version"), DateTimeOffset.MinValue, r.Required("name"),
        r.Optional("document_type") is { } type && r.Optional("document_number") is { } number ? new PersonDocument(int.Parse(type, CultureInfo.InvariantCulture), number) : null,
        r.Optional("student_number"),
        r.Optional("roles") is { } roles ? roles.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [],
        r.Required("region_code"),
        r.Optional("gender") is { } gender ? int.Parse(gender, CultureInfo.InvariantCulture) : 0,
        r.Optional("birth_date") is { } birth ? DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        r.Optional("affiliations") is { } affiliations ? affiliations.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(Affiliation).ToArray() : []);

    public static OrganizationChange Organization(Row r) => new(
        r.Required("code"), r.Long("version"), DateTimeOffset.MinValue, r.Required("name"), r.Optional("school_type"), r.Required("region_code"),
        r.Optional("bandwidth"), r.Int("class_count"), r.Int("multimedia_class_count"), r.Int("mobile_terminal_class_count"),
        r.Int("teacher_count"), r.Int("student_count"));

    public static EntityRemoval Removal(Row r) => new(r.Optional("local_id") ?? r.Required("code"), r.Long("version"), DateTimeOffset.MinValue);

    public static LocalKeyChange KeyChange(Row r) => new(r.Required("old_local_id"), r.Required("new_local_id"), r.Long("version"), DateTimeOffset.MinValue);

    private static PersonAffiliationRecord Affiliation(string text)
    {
        var parts = text.Split(':');
        return parts.Length is < 2 or > 3
            ? throw new FormatException("An affiliation is code:role or code:role:yyyy-MM-dd.")
            : new PersonAffiliationRecord(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture),
                parts.Length == 3 && parts[2].Length > 0 ? DateOnly.ParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
    }

    /// <summary>One CSV row by column name.</summary>
    internal readonly struct Row(Dictionary<string, int> header, string[] fields)
    {
        public string? Optional(string name) =>
            header.TryGetValue(name, out var i) && i < fields.Length && fields[i].Trim() is { Length: > 0 } value ? value : null;

        public string Required(string name) => Optional(name) ?? throw new FormatException($"Column {name} is empty or missing.");

        public long Long(string name) => long.Parse(Required(name), CultureInfo.InvariantCulture);

        public int? Int(string name) => Optional(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
    }
}
