using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter.Sources.Postgres;

/// <summary>The platform database the PostgreSQL source reads (layout: platform-database.sql).</summary>
public sealed class PostgresSourceOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HubAdapter:Source:Postgres";

    /// <summary>Connection string of the platform database.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Schema holding the platform tables.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Schema must be a lowercase SQL identifier.")]
    public string Schema { get; set; } = "platform";

    /// <summary>Create the layout (tables, triggers) at start when missing.</summary>
    public bool CreateLayout { get; set; } = true;
}
