using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Hub.Server.Oidc;

/// <summary>
/// Client secrets are 256-bit random values the hub generates, not passwords people choose, so stretching them
/// with PBKDF2 (OpenIddict's default, tens of milliseconds of CPU per token request) buys nothing against
/// brute force and caps the token endpoint. They are stored as HMAC-SHA256 under a server key instead: a leaked
/// table is useless without the key, and validation costs a microsecond. Hashes in the old format still validate.
/// </summary>
internal sealed class HubApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    IOptions<OidcOptions> oidc)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    private const string Prefix = "hmac-sha256:";

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prefix + Convert.ToBase64String(Mac(secret)));

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!comparand.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        }
        Span<byte> stored = stackalloc byte[32];
        return Convert.TryFromBase64String(comparand[Prefix.Length..], stored, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(stored, Mac(secret));
    }

    private byte[] Mac(string secret) =>
        HMACSHA256.HashData(Convert.FromBase64String(oidc.Value.ClientSecretKey), Encoding.UTF8.GetBytes(secret));
}
