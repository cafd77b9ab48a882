using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>What a client-credentials access token says, in the order OpenIddict's pipeline writes it.</summary>
internal readonly record struct AccessTokenContent(
    string Issuer, long IssuedAt, long ExpiresAt, string? Scope, (string Type, string? Value)[] Subject, string ClientId);

/// <summary>
/// Writes an RFC 9068 access token byte for byte in the layout OpenIddict's JsonWebTokenHandler produces for a
/// client-credentials grant (header alg, kid, typ; payload iss, exp, iat, aud, scope, jti, the subject claims,
/// oi_prst, client_id), signed with ES256. The generic handler serializes claims through dictionaries and
/// ClaimsIdentity; writing the known shape directly is most of what the fast path saves. Callers only pass values
/// made of <see cref="IsPlain"/> characters, so no JSON escaping rule can make the two writers differ.
/// </summary>
internal static class AccessTokenJwt
{
    private const int SignatureLength = 64; // ES256, IEEE P1363: r || s, 32 bytes each

    /// <summary>IdentityModel's JSON escaping: "at+jwt" keeps its '+'.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The encoded header of the last credentials used; keys change only on restart, so one entry is enough.</summary>
    private static Tuple<SigningCredentials, byte[]>? s_header;

    /// <summary>
    /// Whether <paramref name="credentials"/> are what the fast path can sign with: an in-memory P-256 key with a
    /// plain key id (certificates add x5t to the header, other algorithms other signatures: those take the pipeline).
    /// </summary>
    public static bool CanSign(SigningCredentials credentials) =>
        credentials.Algorithm == SecurityAlgorithms.EcdsaSha256
        && credentials.Key is ECDsaSecurityKey { ECDsa: { KeySize: 256 }, KeyId: { Length: > 0 } kid }
        && credentials.Key.GetType() == typeof(ECDsaSecurityKey)
        && IsPlain(kid);

    /// <summary>
    /// Letters, digits and "-._~:/@": characters every JSON writer leaves as they are, and all that client ids,
    /// scopes, region codes and http(s) issuers here are made of. Anything else goes through the pipeline.
    /// </summary>
    public static bool IsPlain(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' or '/' or '@'))
            {
                return false;
            }
        }
        return value.Length > 0;
    }

    /// <summary>Appends header.payload.signature (ASCII) to <paramref name="output"/>.</summary>
    public static void Write(SigningCredentials credentials, in AccessTokenContent content, ArrayBufferWriter<byte> output)
    {
        var header = Header(credentials);
        var payload = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(payload, WriterOptions))
        {
            WritePayload(json, content);
        }

        var payloadLength = Base64Url.GetEncodedLength(payload.WrittenCount);
        var signed = output.GetSpan(header.Length + 1 + payloadLength + 1 + Base64Url.GetEncodedLength(SignatureLength));
        header.CopyTo(signed);
        signed[header.Length] = (byte)'.';
        var written = header.Length + 1 + Base64Url.EncodeToUtf8(payload.WrittenSpan, signed[(header.Length + 1)..]);

        Span<byte> signature = stackalloc byte[SignatureLength];
        var ecdsa = ((ECDsaSecurityKey)credentials.Key).ECDsa;
        if (!ecdsa.TrySignData(signed[..written], signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var signatureLength) || signatureLength != SignatureLength)
        {
            throw new CryptographicException("ES256 signing did not produce a 64-byte signature.");
        }
        signed[written++] = (byte)'.';
        written += Base64Url.EncodeToUtf8(signature, signed[written..]);
        output.Advance(written);
    }

    private static void WritePayload(Utf8JsonWriter json, in AccessTokenContent content)
    {
        json.WriteStartObject();
        json.WriteString(Claims.Issuer, content.Issuer);
        json.WriteNumber(Claims.ExpiresAt, content.ExpiresAt);
        json.WriteNumber(Claims.IssuedAt, content.IssuedAt);
        json.WriteString(Claims.Audience, TokenEndpoint.ClientCredentialsAudience);
        if (content.Scope is { } scope)
        {
            json.WriteString(Claims.Scope, scope);
        }
        // Unique per token, as OpenIddict's: every response is a freshly signed token.
        json.WriteString(Claims.JwtId, Guid.NewGuid().ToString());
        foreach (var (type, value) in content.Subject)
        {
            if (value is not null)
            {
                json.WriteString(type, value);
            }
        }
        // OpenIddict records the presenter (the client) in every access token; its validation reads it back.
        json.WriteString(Claims.Private.Presenter, content.ClientId);
        json.WriteString(Claims.ClientId, content.ClientId);
        json.WriteEndObject();
    }

    private static byte[] Header(SigningCredentials credentials)
    {
        if (s_header is { } cached && ReferenceEquals(cached.Item1, credentials))
        {
            return cached.Item2;
        }
        var json = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(JwtHeaderParameterNames.Alg, credentials.Algorithm);
            writer.WriteString(JwtHeaderParameterNames.Kid, credentials.Key.KeyId);
            writer.WriteString(JwtHeaderParameterNames.Typ, "at+jwt");
            writer.WriteEndObject();
        }
        var header = new byte[Base64Url.GetEncodedLength(json.WrittenCount)];
        Base64Url.EncodeToUtf8(json.WrittenSpan, header);
        s_header = Tuple.Create(credentials, header);
        return header;
    }
}
