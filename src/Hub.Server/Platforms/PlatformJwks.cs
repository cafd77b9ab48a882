using System.Text.Json;
using Hub.Server.Problems;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Server.Platforms;

/// <summary>
/// Checks the JSON Web Key Set a platform authenticates with (private_key_jwt). Only public keys are accepted: a
/// private key sent to the hub is a leaked key, so it is refused rather than stripped.
/// </summary>
public static class PlatformJwks
{
    public const int MaxBytes = 16 * 1024;
    public const int MaxKeys = 10;

    // Members that only private (or symmetric) JWKs carry (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>The compact JSON text to store, or the error to report on the field.</summary>
    public static (string? Jwks, ErrorDefinition? Error) Validate(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object)
        {
            return (null, PlatformErrors.JwksInvalid);
        }
        var text = jwks.GetRawText();
        if (text.Length > MaxBytes || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array
            || keys.GetArrayLength() is 0 or > MaxKeys || keys.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.Object || Text(k, "kty") is null))
        {
            return (null, PlatformErrors.JwksInvalid);
        }
        if (keys.EnumerateArray().Any(k => Text(k, "kty") == "oct" || PrivateMembers.Any(m => k.TryGetProperty(m, out _))))
        {
            return (null, PlatformErrors.JwksPrivateKey);
        }
        if (!keys.EnumerateArray().Any(IsSigningKey))
        {
            return (null, PlatformErrors.JwksNoSigningKey);
        }
        try
        {
            // The set must also load where OpenIddict will read it, or the client could never authenticate.
            _ = JsonWebKeySet.Create(text);
        }
        catch (ArgumentException)
        {
            return (null, PlatformErrors.JwksInvalid);
        }
        return (JsonSerializer.Serialize(jwks), null);
    }

    private static bool IsSigningKey(JsonElement key)
    {
        if (Text(key, "use") is { } use && use != "sig")
        {
            return false;
        }
        return Text(key, "kty") switch
        {
            "EC" => Text(key, "crv") == "P-256" && Bytes(key, "x", trim: false) == 32 && Bytes(key, "y", trim: false) == 32,
            "RSA" => Bytes(key, "n", trim: true) >= 256 && Bytes(key, "e", trim: true) > 0,
            _ => false,
        };
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Length of a base64url member, optionally without leading zero bytes (a padded RSA modulus counts its real size); 0 when absent or malformed.</summary>
    private static int Bytes(JsonElement key, string name, bool trim)
    {
        if (Text(key, name) is not { Length: > 0 } value)
        {
            return 0;
        }
        try
        {
            var bytes = Base64UrlEncoder.DecodeBytes(value);
            return trim ? bytes.SkipWhile(b => b == 0).Count() : bytes.Length;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
