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
}
