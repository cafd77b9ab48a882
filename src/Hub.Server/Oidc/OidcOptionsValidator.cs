using Microsoft.Extensions.Options;

namespace Hub.Server.Oidc;

/// <summary>Keys that data depends on (stored secret hashes, pairwise subjects) must be configured in every environment.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        if (!IsKey(options.PairwiseKey))
        {
            failures.Add("Oidc:PairwiseKey must be base64 of at least 32 bytes.");
        }
        if (!IsKey(options.ClientSecretKey))
        {
            failures.Add("Oidc:ClientSecretKey must be base64 of at least 32 bytes.");
        }
        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Oidc token lifetimes must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[Math.Max(value.Length, 1)];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
