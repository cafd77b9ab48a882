using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Hub.Server.Oidc;

/// <summary>
/// Client-credentials access tokens are short-lived self-contained JWTs; persisting one database row per token
/// would make the token endpoint write-bound for no benefit (a suspended platform is cut off by disabling its
/// client, and its tokens expire within the access-token lifetime). Codes, refresh and user tokens keep their
/// entries, which revocation and refresh-token reuse detection need.
/// </summary>
internal sealed class SkipTokenEntryForClientCredentials : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<SkipTokenEntryForClientCredentials>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken &&
            context.Request?.GrantType == GrantTypes.ClientCredentials)
        {
            context.CreateTokenEntry = false;
        }
        return ValueTask.CompletedTask;
    }
}
