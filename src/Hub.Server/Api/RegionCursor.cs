using System.Text;

namespace Hub.Server.Api;

/// <summary>
/// Opaque keyset cursor over (region code, id), the order every jurisdiction-scoped list uses: the region range
/// and the order share one index, so a page costs the same at row 10 and at row 10 million.
/// </summary>
public static class RegionCursor
{
    public static string Encode(string region, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{region}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Null for a missing or malformed cursor.</summary>
    public static (string Region, long Id)? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return null;
        }
        try
        {
            var s = value.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=')));
            var parts = text.Split(':');
            return parts is [{ Length: 6 } region, var id] && long.TryParse(id, out var n) ? (region, n) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Absent, or well formed.</summary>
    public static bool IsValid(string? after) => after is null || Decode(after) is not null;

    /// <summary>The paging parameters every scoped list takes: limit 1–1000 and a well-formed cursor, each error naming its field.</summary>
    public static void CheckPaging(string? after, int limit, List<Problems.FieldError> errors)
    {
        if (limit is < 1 or > 1000)
        {
            errors.Add(new Problems.FieldError("limit", Problems.GeneralErrors.ValidationFailed));
        }
        if (!IsValid(after))
        {
            errors.Add(new Problems.FieldError("after", Problems.GeneralErrors.ValidationFailed));
        }
    }

    /// <summary>
    /// Lists read one row more than <paramref name="limit"/> to learn whether a next page exists: drops that row and
    /// returns the cursor after the last kept one, or null on the last page.
    /// </summary>
    public static string? TrimPage<T>(List<T> items, int limit, Func<T, (string Region, long Id)> key)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        if (items.Count <= limit)
        {
            return null;
        }
        items.RemoveRange(limit, items.Count - limit);
        var (region, id) = key(items[^1]);
        return Encode(region, id);
    }
}
