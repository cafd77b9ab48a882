namespace Hub.Server.Identity.Protection;

/// <summary>How personal values look on the way out when the caller may not see them in full.</summary>
public static class Masking
{
    /// <summary>
    /// 18-character resident ID numbers keep region and last four (110105********123X); other numbers keep
    /// about a quarter at each end, never more than four characters, and at least half is hidden.
    /// </summary>
    public static string Number(string value)
    {
        if (value.Length == 18)
        {
            return string.Concat(value.AsSpan(0, 6), new string('*', 8), value.AsSpan(14));
        }
        if (value.Length <= 2)
        {
            return new string('*', value.Length);
        }
        var keep = Math.Clamp(value.Length / 4, 1, 4);
        return string.Concat(value.AsSpan(0, keep), new string('*', value.Length - 2 * keep), value.AsSpan(value.Length - keep));
    }
}
