using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Hub.Server.Api;

/// <summary>
/// Which scopes satisfy each named authorization policy of the API. Recorded where the policy is registered, so the
/// OpenAPI document's security requirements are derived from the same declaration the hub enforces.
/// </summary>
public sealed class ScopePolicies
{
    /// <summary>Policy name → scopes of which a bearer token must hold one (empty: any valid hub access token).</summary>
    public Dictionary<string, string[]> AnyOf { get; } = new(StringComparer.Ordinal);
}

public static class ScopePolicyExtensions
{
    /// <summary>
    /// A policy satisfied by a hub access token (bearer) holding any of <paramref name="anyOfScopes"/>; with none, any
    /// valid token. Console sessions never satisfy it: the API is for clients.
    /// </summary>
    public static AuthorizationBuilder AddScopePolicy(this AuthorizationBuilder authorization, string name, params string[] anyOfScopes)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.Services.Configure<ScopePolicies>(p => p.AnyOf[name] = anyOfScopes);
        return authorization.AddPolicy(name, policy =>
        {
            policy.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser();
            if (anyOfScopes.Length > 0)
            {
                policy.RequireAssertion(context => anyOfScopes.Any(context.User.HasScope));
            }
        });
    }
}
