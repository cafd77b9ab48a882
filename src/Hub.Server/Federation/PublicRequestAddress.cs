using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Hub.Server.Federation;

/// <summary>
/// Behind the load balancer requests arrive as http on an internal hop, while upstreams send people back to the
/// public https callback under the issuer. OpenIddict's client compares the request address with the redirect URI it
/// sent (a defence against mix-up attacks), so it must see the request under the same public scheme, host and port.
/// </summary>
internal sealed class PublicRequestAddress(FederationAddress address) : IOpenIddictClientHandler<ProcessRequestContext>
{
    public static OpenIddictClientHandlerDescriptor Descriptor { get; } = OpenIddictClientHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<PublicRequestAddress>()
        .SetOrder(OpenIddictClientAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1)
        .SetType(OpenIddictClientHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (address.PublicBase is { } issuer && context.Transaction.RequestUri is { } request && context.Transaction.BaseUri is { } baseUri)
        {
            context.Transaction.RequestUri = Rebase(request, issuer);
            context.Transaction.BaseUri = Rebase(baseUri, issuer);
        }
        return default;
    }

    private static Uri Rebase(Uri uri, Uri issuer) =>
        new UriBuilder(uri) { Scheme = issuer.Scheme, Host = issuer.Host, Port = issuer.Port }.Uri;
}
