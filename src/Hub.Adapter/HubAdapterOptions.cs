using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter;

/// <summary>How an adapter reaches the hub's exchange transport.</summary>
public sealed class HubAdapterOptions
{
    /// <summary>Configuration section bound by <see cref="HubAdapterServiceCollectionExtensions.AddHubAdapter"/>.</summary>
    public const string SectionName = "HubAdapter";

    /// <summary>The platform id the hub issued at onboarding; null before onboarding.</summary>
    public string? PlatformId { get; set; }

    /// <summary>RabbitMQ host of the hub's exchange.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    /// <summary>Virtual host assigned to this platform.</summary>
    [Required]
    public string VirtualHost { get; set; } = "/";

    /// <summary>Broker user name assigned to this platform.</summary>
    [Required]
    public string Username { get; set; } = "";

    /// <summary>Broker password assigned to this platform.</summary>
    [Required]
    public string Password { get; set; } = "";

    /// <summary>How long to wait for the hub to answer a request before giving up.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
