using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Federation;

/// <summary>
/// OpenIddict's client resolves registrations through this service (challenge, callback, its HTTP clients), but only
/// knows those fixed at start. Platforms register upstream providers at run time, so registrations with the
/// "upstream:" id are built from the database instead. Every lookup reads the row, so a change made on any replica
/// applies on all; the built registration (with its cached discovery document and keys) is reused until the row's
/// <see cref="UpstreamProvider.UpdatedAt"/> changes. Disabled providers still resolve: the sign-in endpoints refuse
/// them with a page of their own, whereas a failure here could only be an exception.
/// </summary>
internal sealed class FederationClientService(IServiceProvider provider, IServiceScopeFactory scopes, FederationAddress address)
    : OpenIddictClientService(provider)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Version, OpenIddictClientRegistration Registration)> _built =
        new(StringComparer.Ordinal);

    public override async ValueTask<OpenIddictClientRegistration> GetClientRegistrationByIdAsync(
        string identifier, CancellationToken cancellationToken = default)
    {
        if (FederationAddress.PlatformOf(identifier) is not { } platformId)
        {
            return await base.GetClientRegistrationByIdAsync(identifier, cancellationToken);
        }
        await using var scope = scopes.CreateAsyncScope();
        var providers = scope.ServiceProvider.GetRequiredService<UpstreamProviders>();
        var upstream = await providers.FindAsync(platformId, cancellationToken)
            ?? throw new InvalidOperationException($"No upstream provider is registered for platform '{platformId}'.");
        if (_built.TryGetValue(platformId, out var cached) && cached.Version == upstream.UpdatedAt)
        {
            return cached.Registration;
        }
        var registration = Build(upstream, providers.RevealSecret(upstream));
        _built[platformId] = (upstream.UpdatedAt, registration);
        return registration;
    }

    private OpenIddictClientRegistration Build(UpstreamProvider upstream, string secret)
    {
        var registration = new OpenIddictClientRegistration
        {
            RegistrationId = FederationAddress.RegistrationId(upstream.PlatformId),
            ProviderDisplayName = upstream.DisplayNameZh,
            Issuer = new Uri(upstream.Issuer, UriKind.Absolute),
            ClientId = upstream.ClientId,
            ClientSecret = secret,
            RedirectUri = address.Callback,
        };
        // Only "sub" is needed: the platform's own user id, looked up in its links. Nothing else is asked for.
        registration.Scopes.Add(Scopes.OpenId);
        // What OpenIddict's start-up configuration does for static registrations: discovery (and with it the
        // signing keys) fetched through this service's HTTP clients and cached by the configuration manager.
        registration.ConfigurationManager = new ConfigurationManager<OpenIddictConfiguration>(
            UpstreamDiscovery.MetadataAddress(registration.Issuer).AbsoluteUri, new OpenIddictClientRetriever(this, registration))
        {
            AutomaticRefreshInterval = ConfigurationManager<OpenIddictConfiguration>.DefaultAutomaticRefreshInterval,
            RefreshInterval = ConfigurationManager<OpenIddictConfiguration>.DefaultRefreshInterval,
        };
        return registration;
    }
}
