using System.Buffers;
using Microsoft.Net.Http.Headers;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// A token request in the one shape <see cref="ClientCredentialsFastPath"/> serves: grant_type=client_credentials, the
/// client authenticated with client_secret_basic or client_secret_post, an optional plain scope list and nothing
/// else. Reading is deliberately narrower than OpenIddict's: whatever it does not recognise is left to the pipeline.
/// </summary>
internal readonly record struct ClientCredentialsRequest(string ClientId, string ClientSecret, string? Scope, string[] Scopes)
{
    private static readonly SearchValues<string> BasicOnly = SearchValues.Create([Parameters.GrantType, Parameters.Scope], StringComparison.Ordinal);
    private static readonly SearchValues<string> PostOnly = SearchValues.Create(
        [Parameters.GrantType, Parameters.Scope, Parameters.ClientId, Parameters.ClientSecret], StringComparison.Ordinal);

    public static bool TryRead(HttpRequest request, IFormCollection form, OpenIddictServerOptions options, out ClientCredentialsRequest result)
    {
        result = default;
        if (!TrySingle(form, Parameters.GrantType, out var grantType) || grantType != GrantTypes.ClientCredentials
            || !TryScopes(form, options, out var scope, out var scopes))
        {
            return false;
        }

        var authorization = request.Headers[HeaderNames.Authorization];
        string? clientId, secret;
        if (authorization.Count == 0)
        {
            // client_secret_post: the credentials are form parameters, and only those four may be there.
            if (!options.ClientAuthenticationMethods.Contains(ClientAuthenticationMethods.ClientSecretPost)
                || !OnlyKnownKeys(form, PostOnly)
                || !TrySingle(form, Parameters.ClientId, out clientId) || !TrySingle(form, Parameters.ClientSecret, out secret))
            {
                return false;
            }
        }
        else if (authorization.Count > 1
            || !options.ClientAuthenticationMethods.Contains(ClientAuthenticationMethods.ClientSecretBasic)
            || !OnlyKnownKeys(form, BasicOnly)
            || !TryBasic(authorization[0], out clientId, out secret))
        {
            return false;
        }

        if (!AccessTokenJwt.IsPlain(clientId) || secret.Length == 0)
        {
            return false;
        }
        result = new ClientCredentialsRequest(clientId, secret, scope, scopes);
        return true;
    }

    private static bool TrySingle(IFormCollection form, string key, out string value)
    {
        value = form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] ?? "" : "";
        return value.Length > 0;
    }

    private static bool OnlyKnownKeys(IFormCollection form, SearchValues<string> known)
    {
        foreach (var key in form.Keys)
        {
            if (!known.Contains(key))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A scope list the fast path can take: single spaces, no repeats (so the granted list equals the requested one
    /// and OpenIddict would not echo it), each scope registered with the server, and neither openid (which would add
    /// an ID token) nor offline_access. Scopes the server only knows from its scope store are left to the pipeline.
    /// </summary>
    private static bool TryScopes(IFormCollection form, OpenIddictServerOptions options, out string? scope, out string[] scopes)
    {
        scope = null;
        scopes = [];
        if (!form.TryGetValue(Parameters.Scope, out var values))
        {
            return true;
        }
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return false;
        }
        scope = values[0]!;
        scopes = scope.Split(' ');
        for (var i = 0; i < scopes.Length; i++)
        {
            var name = scopes[i];
            if (!AccessTokenJwt.IsPlain(name) || name is OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId or OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess
                || !options.Scopes.Contains(name) || Array.IndexOf(scopes, name, 0, i) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Decodes client_secret_basic as OpenIddict does (ASCII, split at the first colon, form-unescaped).</summary>
    private static bool TryBasic(string? header, out string clientId, out string secret)
    {
        clientId = secret = "";
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var encoded = header.AsSpan(6).Trim();
        Span<byte> decoded = stackalloc byte[512];
        if (encoded.Length > 680 || !Convert.TryFromBase64Chars(encoded, decoded, out var written))
        {
            return false;
        }
        decoded = decoded[..written];
        // Printable ASCII only: OpenIddict decodes as ASCII, which would turn anything else into '?'.
        if (decoded.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return false;
        }
        var colon = decoded.IndexOf((byte)':');
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }
        clientId = Unescape(System.Text.Encoding.ASCII.GetString(decoded[..colon]));
        secret = Unescape(System.Text.Encoding.ASCII.GetString(decoded[(colon + 1)..]));
        return true;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace("+", "%20", StringComparison.Ordinal));
}
