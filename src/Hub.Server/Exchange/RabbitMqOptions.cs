using System.ComponentModel.DataAnnotations;

namespace Hub.Server.Exchange;

/// <summary>Where the hub's exchange transport lives.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    /// <summary>HTTP port of the management plugin (queue depths for the console).</summary>
    [Range(1, 65535)]
    public int ManagementPort { get; set; } = 15672;

    /// <summary>Messages each consumer may hold unacknowledged.</summary>
    [Range(1, 10_000)]
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Batches from platforms applied at once on this replica (each in its own transaction). Default: the
    /// machine's cores (2 to 16). On 2 cores, 2 at once instead of 4 made a first sync of 1 M people 10 % faster and the
    /// usage ingest 12 % faster (bench/RESULTS.md): more concurrent batches only contend for the same cores and index pages.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int InboundConcurrency { get; set; } = Math.Clamp(Environment.ProcessorCount, 2, 16);
}
