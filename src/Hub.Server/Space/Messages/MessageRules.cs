using Hub.Server.Problems;

namespace Hub.Server.Space.Messages;

/// <summary>Field rules shared by announcements and direct messages; every offending field is reported.</summary>
public static class MessageRules
{
    public static List<FieldError> CheckAnnouncement(AnnouncementRequest request, DateTimeOffset now)
    {
        var errors = CheckText(request.Title, request.Body, "title");
        if ((request.RegionCode is null) == (request.SchoolCode is null) || (request.ClassCode is not null && request.SchoolCode is null))
        {
            errors.Add(new FieldError(request.ClassCode is not null && request.SchoolCode is null ? "classCode" : "regionCode", SpaceErrors.TargetInvalid));
        }
        if (request.ClassCode is { } classCode && (Trimmed(classCode) is not { Length: <= 32 } c || !c.All(char.IsLetterOrDigit)))
        {
            errors.Add(new FieldError("classCode", SpaceErrors.ClassCodeInvalid));
        }
        if (request.Roles is { } roles && (roles.Length > 5 || roles.Any(r => r is < 0 or > 4) || roles.Distinct().Count() != roles.Length))
        {
            errors.Add(new FieldError("roles", SpaceErrors.RolesInvalid));
        }
        if (request.ExpiresAt is { } expires && (expires <= now || expires > now.AddDays(366)))
        {
            errors.Add(new FieldError("expiresAt", SpaceErrors.ExpiryInvalid));
        }
        return errors;
    }

    public static List<FieldError> CheckText(string? title, string? body, string titleField)
    {
        var errors = new List<FieldError>();
        if (Trimmed(title) is not { Length: <= 100 } t || t.Any(char.IsControl))
        {
            errors.Add(new FieldError(titleField, SpaceErrors.TitleInvalid));
        }
        if (Trimmed(body) is not { Length: <= 5000 } b || b.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(new FieldError("body", SpaceErrors.BodyInvalid));
        }
        return errors;
    }

    /// <summary>The trimmed text, or null when it is missing or blank.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
