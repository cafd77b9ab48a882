using System.Security.Cryptography;
using System.Text.Json;
using Hub.Server.Platforms;
using Microsoft.IdentityModel.Tokens;

namespace Hub.UnitTests.Platforms;

public sealed class PlatformJwksTests
{
    [Fact]
    public void Validate_EcP256PublicKey_Accepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key));

        var (jwks, error) = PlatformJwks.Validate(Set(new { kty = "EC", crv = "P-256", x = jwk.X, y = jwk.Y, use = "sig" }));

        Assert.Null(error);
        Assert.NotNull(jwks);
    }

    [Fact]
    public void Validate_RsaKeyWithPrivateExponent_RejectedAsPrivate()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);

        var (_, error) = PlatformJwks.Validate(Set(new { kty = "RSA", n = B(p.Modulus!), e = B(p.Exponent!), d = B(p.D!) }));

        Assert.Equal(PlatformErrors.JwksPrivateKey, error);
    }

    [Fact]
    public void Validate_Rsa1024_RejectedAsNoSigningKey()
    {
        using var rsa = RSA.Create(1024);
        var p = rsa.ExportParameters(false);

        var (_, error) = PlatformJwks.Validate(Set(new { kty = "RSA", n = B(p.Modulus!), e = B(p.Exponent!) }));

        Assert.Equal(PlatformErrors.JwksNoSigningKey, error);
    }

    [Theory]
    [InlineData("""{"keys":[]}""")]
    [InlineData("""{"keys":"x"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"keys":[{"kty":"oct","k":"AAAA"}]}""")]
    public void Validate_NotAPublicKeySet_Rejected(string json)
    {
        var (jwks, error) = PlatformJwks.Validate(JsonDocument.Parse(json).RootElement);

        Assert.Null(jwks);
        Assert.NotNull(error);
    }

    private static JsonElement Set(object key) => JsonSerializer.SerializeToElement(new { keys = new[] { key } });

    private static string B(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}
