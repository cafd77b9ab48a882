using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Hub.Server.Oidc;

/// <summary>
/// ES256 signs everything by default; a client registered with id_token_signed_response_alg RS256 (relying
/// parties whose libraries only verify RSA) gets its ID tokens signed with the configured RS256 key instead.
/// </summary>
internal sealed class IdTokenAlgorithmSelector(ClientRegistry clients) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseScopedHandler<IdTokenAlgorithmSelector>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType != TokenTypeIdentifiers.IdentityToken || context.ClientId is not { } clientId)
        {
            return;
        }
        var client = await clients.FindAsync(clientId, context.CancellationToken);
        if (client?.IdTokenSigningAlgorithm is SecurityAlgorithms.RsaSha256 &&
            context.Options.SigningCredentials.FirstOrDefault(c => c.Algorithm == SecurityAlgorithms.RsaSha256) is { } rsa)
        {
            context.SigningCredentials = rsa;
        }
    }
}
