using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter.Sources.Files;

/// <summary>
/// The file-drop source: a directory where the platform drops <c>people-*.csv|json</c>, <c>organizations-*.csv|json</c>,
/// <c>people-removed-*</c>, <c>organizations-removed-*</c> and <c>people-keys-*</c> files (write them under another name and
/// rename when complete). Processed files move to <c>done/</c>, unusable ones to <c>failed/</c> with a reason file.
/// </summary>
public sealed class FileDropOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HubAdapter:Source:Files";

    /// <summary>The drop directory.</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>Schema in the store's database holding the dropped records (platform layout) and the file log.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Schema must be a lowercase SQL identifier.")]
    public string Schema { get; set; } = "platform_files";

    /// <summary>How often the directory is scanned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
