using Hub.Adapter.Follow;
using Hub.Adapter.Sources;
using Hub.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Adapter;

/// <summary>
/// What an adapter says about itself at <c>GET /.well-known/hub-adapter</c> (access spec, conformance): the platform it
/// speaks for, the contract version, its broker names and what it follows. The conformance kit
/// (<c>./hub.sh conformance URL</c>) starts from it. Carries no secret.
/// </summary>
/// <param name="PlatformId">The platform's public id issued at approval.</param>
/// <param name="ClientId">The platform's OpenID Connect client id.</param>
/// <param name="ContractVersion">The data exchange contract version spoken ("v1").</param>
/// <param name="AdapterVersion">The adapter's version, as in its heartbeats.</param>
/// <param name="Source">The kind of source: "postgres", "files" or the name of a platform's own implementation.</param>
/// <param name="OutboundExchange">The exchange the adapter sends to (platform.P.outbound).</param>
/// <param name="InboxQueue">The queue the adapter receives the hub's answers on (platform.P.inbox).</param>
/// <param name="Follows">Feed streams followed (empty when the platform follows no other level).</param>
/// <param name="HubUrl">The hub the adapter talks to, when its API is used.</param>
public sealed record AdapterDescriptor(
    string PlatformId,
    string ClientId,
    string ContractVersion,
    string AdapterVersion,
    string Source,
    string OutboundExchange,
    string InboxQueue,
    IReadOnlyList<string> Follows,
    Uri? HubUrl)
{
    /// <summary>The path the descriptor is served at.</summary>
    public const string Path = "/.well-known/hub-adapter";

    /// <summary>The descriptor of the adapter registered in <paramref name="services"/>.</summary>
    public static AdapterDescriptor Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<HubAdapterOptions>>().Value;
        var follow = services.GetRequiredService<IOptions<FollowOptions>>().Value;
        var source = services.GetService<IPlatformSource>() switch
        {
            Sources.Postgres.PostgresSource => "postgres",
            Sources.Files.FileDropSource => "files",
            { } other => other.GetType().Name,
            null => "none",
        };
        return new AdapterDescriptor(options.PlatformId, options.EffectiveClientId, ExchangeNames.SchemaVersion, HubConnection.AdapterVersion, source,
            ExchangeNames.Outbound(options.PlatformId), ExchangeNames.Inbox(options.PlatformId),
            follow.Enabled ? follow.EffectiveStreams : [], options.HubUrl);
    }
}
