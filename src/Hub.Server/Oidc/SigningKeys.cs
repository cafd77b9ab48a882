using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Server.Oidc;

/// <summary>Loads configured signing keys, ordered so the key that should sign now comes first.</summary>
internal static class SigningKeys
{
    public static IReadOnlyList<SigningCredentials> Load(OidcOptions options, DateTimeOffset now)
    {
        // OpenIddict signs with the first credential: ES256 always leads; RS256 keys only serve clients that ask for them.
        var ordered = options.SigningKeys
            .OrderBy(k => k.Algorithm != "ES256")
            .ThenByDescending(k => (k.SignFrom ?? DateTimeOffset.MinValue) <= now) // active before pending
            .ThenByDescending(k => k.SignFrom ?? DateTimeOffset.MinValue)           // newest active first
            .ToList();
        return ordered.Select(Create).ToList();
    }

    private static SigningCredentials Create(SigningKeyOptions key)
    {
        var pem = key.Pem ?? (key.Path is { } path ? File.ReadAllText(path)
            : throw new InvalidOperationException($"Signing key '{key.Id}' has neither Path nor Pem."));
        return key.Algorithm switch
        {
            "ES256" => Ecdsa(key.Id, pem),
            "RS256" => Rsa(key.Id, pem),
            _ => throw new InvalidOperationException($"Signing key '{key.Id}': algorithm {key.Algorithm} is not supported (ES256, RS256)."),
        };
    }

    private static SigningCredentials Ecdsa(string id, string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Signing key '{id}': ES256 needs a P-256 key.");
        }
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = id }, SecurityAlgorithms.EcdsaSha256);
    }

    private static SigningCredentials Rsa(string id, string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = id }, SecurityAlgorithms.RsaSha256);
    }
}
