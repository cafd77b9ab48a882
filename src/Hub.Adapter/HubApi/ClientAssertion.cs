using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hub.Adapter.HubApi;

/// <summary>
/// An ES256 client assertion for <c>private_key_jwt</c> (RFC 7523), header <c>typ: client-authentication+jwt</c> as the
/// authentication spec requires: iss = sub = client id, aud = the hub's issuer, a fresh jti, two minutes of validity.
/// </summary>
internal static class ClientAssertion
{
    public static string Create(ECDsa key, string? keyId, string clientId, string audience, DateTimeOffset now)
    {
        var header = new Dictionary<string, string> { ["alg"] = "ES256", ["typ"] = "client-authentication+jwt" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }
        var payload = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(2).ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        // ECDsa.SignData produces the IEEE P1363 r||s form that JWS ES256 expects.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Loads a PKCS#8/SEC1 PEM given inline or as a path to a file.</summary>
    public static ECDsa LoadKey(string pemOrPath)
    {
        var pem = pemOrPath.Contains("-----BEGIN", StringComparison.Ordinal) ? pemOrPath : File.ReadAllText(pemOrPath);
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
