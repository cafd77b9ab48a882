using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter.Store;

/// <summary>Where the adapter keeps its outbox, inbox and cursors, and how the relay publishes.</summary>
public sealed class AdapterStoreOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HubAdapter:Store";

    /// <summary>PostgreSQL connection string of the store (may be the platform's own database).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Schema of the store's tables, created at start when missing.</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Schema must be a lowercase SQL identifier.")]
    public string Schema { get; set; } = "hub_adapter";

    /// <summary>How often the relay looks for committed messages when it has not been woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Messages claimed per relay round (one transaction).</summary>
    [Range(1, 10_000)]
    public int RelayBatchSize { get; set; } = 64;

    /// <summary>Sends of one round in flight at once, each waiting for its broker confirm.</summary>
    [Range(1, 256)]
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Delay after a first failed send; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between attempts of one message.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one send may wait for the broker (connection and confirm) before it counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Published messages are deleted after this long (they may carry personal data).</summary>
    public TimeSpan PublishedRetention { get; set; } = TimeSpan.FromDays(1);

    internal bool IsValid =>
        PollInterval > TimeSpan.Zero && RetryDelay > TimeSpan.Zero && MaxRetryDelay >= RetryDelay
        && SendTimeout > TimeSpan.Zero && PublishedRetention >= TimeSpan.Zero;
}
