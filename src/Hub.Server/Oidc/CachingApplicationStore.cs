using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Hub.Server.Oidc;

/// <summary>
/// Client authentication looks the application up by client id on every token request; applications change
/// rarely, so the lookup is served from memory for a short time instead of costing a database round trip per
/// token. The cached entity is only read (permissions, secret hash, properties); new tokens and authorizations
/// reference applications by id through their own store. <see cref="ClientRegistry"/> evicts the entry when it
/// writes a client (so must any future update path, e.g. suspension); other replicas see a change within <see cref="Lifetime"/>.
/// </summary>
internal sealed class CachingApplicationStore : OpenIddictEntityFrameworkCoreApplicationStore
{
    private readonly IMemoryCache _cache;

    public CachingApplicationStore(
        IMemoryCache cache,
        IOpenIddictEntityFrameworkCoreContext context,
        IOptionsMonitor<OpenIddictEntityFrameworkCoreOptions> options)
        : base(cache, context, options) => _cache = cache;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public static string Key(string clientId) => "hub:oidc:application:" + clientId;

    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(Key(identifier), out OpenIddictEntityFrameworkCoreApplication? cached))
        {
            return cached;
        }
        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            _cache.Set(Key(identifier), application, Lifetime);
        }
        return application;
    }
}
