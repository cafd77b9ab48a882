using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>Creates OpenIddict applications with the hub's own properties (kind, level, region).</summary>
public sealed class ClientRegistry(IOpenIddictApplicationManager applications, Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    Persistence.HubDbContext db)
{
    private const string KindProperty = "hub_kind";
    private const string LevelProperty = "hub_level";
    private const string RegionProperty = "hub_region";
    private const string IdTokenAlgorithmProperty = "id_token_signed_response_alg";
    private const string AppProperty = "hub_app_id";

    public async Task RegisterAsync(ClientRegistration registration, CancellationToken cancellationToken = default)
    {
        var confidential = registration.ClientSecret is not null || registration.JsonWebKeySet is not null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            DisplayName = registration.DisplayName,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = registration.Kind == ClientKind.Vendor ? ConsentTypes.Explicit : ConsentTypes.Implicit,
        };
        if (registration.JsonWebKeySet is { } jwks)
        {
            descriptor.JsonWebKeySet = JsonWebKeySet.Create(jwks);
        }
        descriptor.Properties[KindProperty] = JsonSerializer.SerializeToElement(registration.Kind.ToString());
        descriptor.Properties[LevelProperty] = JsonSerializer.SerializeToElement(registration.Level.ToString());
        if (registration.RegionCode is { } region)
        {
            descriptor.Properties[RegionProperty] = JsonSerializer.SerializeToElement(region);
        }
        if (registration.IdTokenSigningAlgorithm is { } algorithm)
        {
            descriptor.Properties[IdTokenAlgorithmProperty] = JsonSerializer.SerializeToElement(algorithm);
        }
        if (registration.AppId is { } appId)
        {
            descriptor.Properties[AppProperty] = JsonSerializer.SerializeToElement(appId);
        }

        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        foreach (var scope in registration.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        if (registration.AllowClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }
        if (registration.AllowTokenExchange)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.TokenExchange);
        }
        if (registration.AllowAuthorizationCode)
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.EndSession, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(registration.RedirectUris ?? []);
            descriptor.PostLogoutRedirectUris.UnionWith(registration.PostLogoutRedirectUris ?? []);
        }

        await applications.CreateAsync(descriptor, cancellationToken);
        cache.Remove(CachingApplicationStore.Key(registration.ClientId));
    }

    public async Task<ClientInfo?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        return application is null ? null : await DescribeAsync(application, clientId, cancellationToken);
    }

    /// <summary>The hub's view of an application already found by <paramref name="clientId"/> (saves a second lookup).</summary>
    public async Task<ClientInfo> DescribeAsync(object application, string clientId, CancellationToken cancellationToken = default)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return new ClientInfo(
            clientId,
            Enum.Parse<ClientKind>(Read(properties, KindProperty) ?? nameof(ClientKind.Vendor)),
            Enum.Parse<JurisdictionLevel>(Read(properties, LevelProperty) ?? nameof(JurisdictionLevel.National)),
            Read(properties, RegionProperty),
            Read(properties, IdTokenAlgorithmProperty),
            Read(properties, AppProperty));
    }

    /// <summary>
    /// Replaces a confidential client's secret (the old one stops working at once). The cached application is
    /// evicted before the lookup, so the update works on an entity tracked by this unit of work, and after it.
    /// </summary>
    public async Task<bool> ReplaceSecretAsync(string clientId, string secret, CancellationToken cancellationToken = default)
    {
        cache.Remove(CachingApplicationStore.Key(clientId));
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return false;
        }
        await applications.UpdateAsync(application, secret, cancellationToken);
        cache.Remove(CachingApplicationStore.Key(clientId));
        return true;
    }

    /// <summary>Application property holding the permissions of a suspended client, so resumption restores exactly them.</summary>
    public const string SuspendedPermissionsProperty = "hub_suspended_permissions";

    /// <summary>
    /// Cuts a client off: its permissions move aside into <see cref="SuspendedPermissionsProperty"/>, so OpenIddict (and
    /// any fast path checking permissions) refuses it tokens, and <see cref="SuspendedClientRejection"/> refuses its
    /// live access tokens. Joins the caller's transaction; call <see cref="Evict"/> again after committing.
    /// False when there is no such client.
    /// </summary>
    public Task<bool> SuspendAsync(string clientId, CancellationToken cancellationToken = default) =>
        ChangeAsync(clientId, descriptor =>
        {
            if (!descriptor.Properties.ContainsKey(SuspendedPermissionsProperty))
            {
                descriptor.Properties[SuspendedPermissionsProperty] = JsonSerializer.SerializeToElement(descriptor.Permissions.Order(StringComparer.Ordinal));
                descriptor.Permissions.Clear();
            }
        }, cancellationToken);

    /// <summary>Gives a suspended client its stored permissions back. False when there is no such client.</summary>
    public Task<bool> ResumeAsync(string clientId, CancellationToken cancellationToken = default) =>
        ChangeAsync(clientId, descriptor =>
        {
            if (descriptor.Properties.Remove(SuspendedPermissionsProperty, out var stored) && stored.ValueKind == JsonValueKind.Array)
            {
                descriptor.Permissions.UnionWith(stored.EnumerateArray().Select(p => p.GetString()!));
            }
        }, cancellationToken);

    /// <summary>
    /// Replaces a client's public keys (private_key_jwt): the platform's key rotation. Joins the caller's transaction;
    /// call <see cref="Evict"/> again after committing. False when there is no such client.
    /// </summary>
    public async Task<bool> ReplaceKeysAsync(string clientId, string jsonWebKeySet, CancellationToken cancellationToken = default)
    {
        // A set update in SQL rather than through the manager: the caller is typically the platform itself, whose own
        // token validation already loaded this application into the unit of work, and a second tracked copy clashes.
        var updated = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>()
            .Where(a => a.ClientId == clientId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.JsonWebKeySet, jsonWebKeySet)
                .SetProperty(a => a.ConcurrencyToken, Guid.NewGuid().ToString()), cancellationToken);
        Evict(clientId);
        return updated == 1;
    }

    /// <summary>Drops this replica's cached copy of the client (others refresh within <see cref="CachingApplicationStore.Lifetime"/>).</summary>
    public void Evict(string clientId) => cache.Remove(CachingApplicationStore.Key(clientId));

    private async Task<bool> ChangeAsync(string clientId, Action<OpenIddictApplicationDescriptor> change, CancellationToken cancellationToken)
    {
        // The cached entity is shared between requests: read a fresh, tracked one to change.
        Evict(clientId);
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        change(descriptor);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        Evict(clientId);
        return true;
    }

    private static string? Read(System.Collections.Immutable.ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
