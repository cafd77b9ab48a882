using System.Text.RegularExpressions;
using Hub.Server.Oidc;
using Hub.Server.Problems;

namespace Hub.Server.Apps;

/// <summary>An app registration that passed every check, normalized.</summary>
public sealed record ValidApp(string Name, string? Description, AppCategory Category, string[] RedirectUris,
    string[] PostLogoutRedirectUris, string[] Scopes, string ContactName, string ContactEmail, string? ContactPhone);

/// <summary>
/// Checks every field of an app and names each offending one; nothing is written on failure. Plain http redirect
/// URIs are accepted only in Development and Testing, where the hub itself runs without TLS.
/// </summary>
public sealed partial class AppValidator(IHostEnvironment environment)
{
    public const int MaxName = 100;
    public const int MaxDescription = 1000;
    public const int MaxContactName = 50;
    public const int MaxNote = 500;
    public const int MaxTestNotes = 1000;
    public const int MaxReasons = 500;
    public const int MaxRedirectUris = 10;
    public const int MaxUriLength = 2000;

    private bool AllowHttp => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public (ValidApp? Valid, List<FieldError> Errors) Validate(AppRequest request)
    {
        var errors = new List<FieldError>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxName || name.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", AppErrors.NameInvalid));
        }
        var description = Text(request.Description, MaxDescription, "description", AppErrors.DescriptionInvalid, errors);
        var category = AppCategories.Parse(request.Category);
        if (category is null)
        {
            errors.Add(new FieldError("category", AppErrors.CategoryInvalid));
        }
        var redirects = Uris(request.RedirectUris, "redirectUris", minimum: 1, errors);
        var postLogout = Uris(request.PostLogoutRedirectUris, "postLogoutRedirectUris", minimum: 0, errors);
        var scopes = Scopes(request.Scopes, errors);
        var contactName = request.Contact?.Name?.Trim();
        if (string.IsNullOrEmpty(contactName) || contactName.Length > MaxContactName || contactName.Any(char.IsControl))
        {
            errors.Add(new FieldError("contact.name", AppErrors.ContactNameInvalid));
        }
        var email = request.Contact?.Email?.Trim();
        if (email is null || email.Length > 254 || !Email().IsMatch(email))
        {
            errors.Add(new FieldError("contact.email", AppErrors.ContactEmailInvalid));
        }
        var phone = string.IsNullOrWhiteSpace(request.Contact?.Phone) ? null : request.Contact.Phone.Trim();
        if (phone is not null && !Phone().IsMatch(phone))
        {
            errors.Add(new FieldError("contact.phone", AppErrors.ContactPhoneInvalid));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new ValidApp(name!, description, category!.Value, redirects!, postLogout!, scopes!, contactName!, email!, phone), errors);
    }

    /// <summary>Optional free text of at most <paramref name="max"/> characters; line breaks and tabs allowed. Blank → null.</summary>
    public static string? Text(string? value, int max, string field, ErrorDefinition error, List<FieldError> errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is not null && (text.Length > max || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            errors.Add(new FieldError(field, error));
            return null;
        }
        return text;
    }

    /// <summary>Whether one redirect URI is acceptable: absolute, https (http only in Development/Testing), no fragment or user info.</summary>
    public bool IsAcceptableRedirectUri(string? value) =>
        value is { Length: > 0 and <= MaxUriLength }
        && !value.Contains('#', StringComparison.Ordinal)
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && uri.UserInfo.Length == 0 && uri.Host.Length > 0;

    // Stored exactly as given: OpenIddict compares redirect_uri to the registered string ordinally.
    private string[]? Uris(string?[]? values, string field, int minimum, List<FieldError> errors)
    {
        var list = values ?? [];
        var valid = true;
        for (var i = 0; i < list.Length; i++)
        {
            if (!IsAcceptableRedirectUri(list[i]))
            {
                errors.Add(new FieldError($"{field}[{i}]", AppErrors.RedirectUriInvalid));
                valid = false;
            }
        }
        if (list.Length < minimum || list.Length > MaxRedirectUris || list.Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            errors.Add(new FieldError(field, AppErrors.RedirectUriCount));
            valid = false;
        }
        return valid ? [.. list.Select(u => u!)] : null;
    }

    private static string[]? Scopes(string?[]? values, List<FieldError> errors)
    {
        var scopes = (values ?? []).Select(s => s?.Trim()).ToList();
        if (!scopes.Contains(HubScopes.OpenId) || scopes.Any(s => s is null || !HubScopes.Identity.Contains(s)))
        {
            errors.Add(new FieldError("scopes", AppErrors.ScopesInvalid));
            return null;
        }
        // In the order of HubScopes.Identity, without duplicates: a stable form for comparison and display.
        return [.. HubScopes.Identity.Where(scopes.Contains)];
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex Phone();
}
