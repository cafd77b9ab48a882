using System.Text;
using Hub.Server.Problems;

namespace Hub.Server.Federation;

/// <summary>Checks every field of an upstream registration and names each one that fails; nothing is saved unless all pass.</summary>
public static class UpstreamValidation
{
    /// <summary>The valid registration, or one error per offending field. Only Development and Testing hubs
    /// (<paramref name="allowHttp"/>) accept an http issuer: their upstreams are test servers.</summary>
    public static (ValidUpstream? Value, List<FieldError> Errors) Validate(UpstreamProviderRequest request, bool allowHttp)
    {
        var errors = new List<FieldError>();
        var issuer = Issuer(request.Issuer, allowHttp);
        if (issuer is null)
        {
            errors.Add(new FieldError("issuer", FederationErrors.IssuerInvalid));
        }
        var clientId = request.ClientId?.Trim();
        if (!IsAscii(clientId, 1, UpstreamLimits.ClientIdLength, allowSpace: false))
        {
            errors.Add(new FieldError("clientId", FederationErrors.ClientIdInvalid));
        }
        // Secrets are taken as given (no trimming): a space at either end may be part of them.
        var secret = request.ClientSecret;
        if (!IsAscii(secret, UpstreamLimits.ClientSecretMinLength, UpstreamLimits.ClientSecretMaxLength, allowSpace: true))
        {
            errors.Add(new FieldError("clientSecret", FederationErrors.ClientSecretInvalid));
        }
        var zh = request.DisplayName?.Zh?.Trim();
        var en = request.DisplayName?.En?.Trim();
        if (!IsDisplayName(zh))
        {
            errors.Add(new FieldError("displayName.zh", FederationErrors.DisplayNameInvalid));
        }
        if (!IsDisplayName(en))
        {
            errors.Add(new FieldError("displayName.en", FederationErrors.DisplayNameInvalid));
        }
        return errors.Count > 0 ? (null, errors) : (new ValidUpstream(issuer!, clientId!, secret!, zh!, en!), errors);
    }

    private static Uri? Issuer(string? value, bool allowHttp)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > UpstreamLimits.IssuerLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || !uri.IsWellFormedOriginalString())
        {
            return null;
        }
        var schemeAllowed = uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp);
        // OpenID Connect Discovery: an issuer has no query or fragment; user info in it would leak into every log line.
        return schemeAllowed && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            && !value.Contains('#', StringComparison.Ordinal) && !value.Contains('?', StringComparison.Ordinal) ? uri : null;
    }

    private static bool IsAscii(string? value, int min, int max, bool allowSpace) =>
        value is not null && value.Length >= min && value.Length <= max
        && value.All(c => c is > ' ' and <= '~' || (allowSpace && c == ' '));

    private static bool IsDisplayName(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || ++count > UpstreamLimits.DisplayNameLength)
            {
                return false;
            }
        }
        return true;
    }
}
