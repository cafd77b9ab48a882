namespace Hub.Server.Support;

/// <summary>Text limits of the support feature (characters); the columns and the validators share them.</summary>
public static class SupportLimits
{
    public const int Title = 100;
    public const int Description = 4000;
    public const int Comment = 2000;
    public const int Name = 100;
    public const int ShortText = 64;
    public const int FileName = 200;

    /// <summary>1..max characters after trimming, no control characters except line breaks and tabs when multi-line.</summary>
    public static string? Text(string? value, int max, bool multiline = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > max)
        {
            return null;
        }
        return text.Any(c => (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) || c is '\u202e' or '\u202d')
            ? null : text;
    }
}
