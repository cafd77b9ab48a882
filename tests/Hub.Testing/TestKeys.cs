using System.Security.Cryptography;

namespace Hub.Testing;

/// <summary>Key material for test hosts, generated once per test process (never reused outside tests).</summary>
public static class TestKeys
{
    public static string SigningKeyPem { get; } = CreateEcPem();
    public static string SecondSigningKeyPem { get; } = CreateEcPem();
    public static string Random32() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Settings for the hub's OIDC and personal-data keys.</summary>
    public static IEnumerable<(string Key, string Value)> HubSettings { get; } =
    [
        ("Oidc:SigningKeys:0:Id", "test-es256"),
        ("Oidc:SigningKeys:0:Algorithm", "ES256"),
        ("Oidc:SigningKeys:0:Pem", SigningKeyPem),
        ("Oidc:EncryptionKey", Random32()),
        ("Oidc:PairwiseKey", Random32()),
        ("Oidc:ClientSecretKey", Random32()),
        ("Oidc:RefreshTokenReuseLeeway", "00:00:00"),
        ("PersonalData:BlindIndexKey", Random32()),
        ("PersonalData:ActiveKeyId", "t1"),
        ("PersonalData:EncryptionKeys:t1", Random32()),
    ];

    private static string CreateEcPem()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKeyPem();
    }
}
