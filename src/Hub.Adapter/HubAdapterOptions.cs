using System.ComponentModel.DataAnnotations;

namespace Hub.Adapter;

/// <summary>Who the platform is and how the adapter reaches the hub: the broker (AMQP) and the REST API (HTTPS).</summary>
public sealed class HubAdapterOptions
{
    /// <summary>Configuration section bound by <see cref="HubAdapterServiceCollectionExtensions.AddHubAdapter"/>.</summary>
    public const string SectionName = "HubAdapter";

    /// <summary>The platform id the hub issued at onboarding: 16 lowercase hex digits. Every broker name the adapter uses starts with <c>platform.{id}.</c>.</summary>
    [Required]
    [RegularExpression("^[0-9a-f]{16}$", ErrorMessage = "PlatformId must be the 16 lowercase hex digits the hub issued.")]
    public string PlatformId { get; set; } = "";

    /// <summary>RabbitMQ host of the hub's exchange.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    /// <summary>Virtual host assigned to this platform.</summary>
    [Required]
    public string VirtualHost { get; set; } = "/";

    /// <summary>Broker user name assigned to this platform (<c>platform.{id}</c>).</summary>
    [Required]
    public string Username { get; set; } = "";

    /// <summary>Broker password assigned to this platform.</summary>
    [Required]
    public string Password { get; set; } = "";

    /// <summary>How long to wait for the hub to answer a request before giving up.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages of the inbox queue the adapter may hold unacknowledged.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>Base address of the hub (its issuer), e.g. <c>https://hub.example/</c>; needed to follow the change feed.</summary>
    public Uri? HubUrl { get; set; }

    /// <summary>OAuth client id at the hub; defaults to <c>platform-{PlatformId}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>client_secret_basic</c> (transitional, Development): the client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>private_key_jwt</c>: the platform's ES256 private key as PKCS#8 PEM, or a path to a file holding it.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Key id (<c>kid</c>) of <see cref="PrivateKey"/> in the JWKS the platform registered.</summary>
    public string? KeyId { get; set; }

    /// <summary>Scopes requested with client credentials (space separated); null asks for the client's defaults.</summary>
    public string? Scope { get; set; } = "people:read orgs:read";

    /// <summary>Audience of client assertions; defaults to <see cref="HubUrl"/> (the issuer).</summary>
    public string? AssertionAudience { get; set; }

    internal string EffectiveClientId => ClientId ?? "platform-" + PlatformId;
}
