using System.Globalization;

namespace Hub.Server.Organizations;

/// <summary>Network bandwidth in the notice's "**M" format (e.g. "100M"), stored as whole Mbps.</summary>
public static class Bandwidth
{
    public const int MaxMbps = 1_000_000;

    public static int? Parse(string? text)
    {
        var value = text?.Trim();
        if (value is not { Length: >= 2 and <= 8 } || value[^1] is not ('M' or 'm') || !value[..^1].All(char.IsAsciiDigit))
        {
            return null;
        }
        var mbps = int.Parse(value[..^1], CultureInfo.InvariantCulture);
        return mbps is >= 1 and <= MaxMbps ? mbps : null;
    }

    public static string Format(int mbps) => mbps.ToString(CultureInfo.InvariantCulture) + "M";
}
