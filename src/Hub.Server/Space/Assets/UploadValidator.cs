using System.Text.RegularExpressions;
using Hub.Server.Problems;
using Hub.Server.Space.Storage;
using Microsoft.Extensions.Options;

namespace Hub.Server.Space.Assets;

/// <summary>Checks an upload's name, type, category and size before anything is stored; errors name the field.</summary>
public sealed partial class UploadValidator(IOptions<SpaceStorageOptions> options)
{
    public long MaxFileBytes => options.Value.MaxFileBytes;

    public (FileUpload? Upload, List<FieldError> Errors) Validate(string? name, string? contentType, string? category, byte[]? content)
    {
        var errors = new List<FieldError>();
        var trimmed = name?.Trim();
        if (trimmed is null || trimmed.Length is 0 or > 200 || trimmed.Any(c => char.IsControl(c) || c is '/' or '\\') || trimmed is "." or "..")
        {
            errors.Add(new FieldError("name", SpaceErrors.FileNameInvalid));
        }
        var type = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (!MediaType().IsMatch(type))
        {
            errors.Add(new FieldError("contentType", SpaceErrors.ContentTypeInvalid));
        }
        var parsed = AssetCategories.Parse(category);
        if (parsed is null)
        {
            errors.Add(new FieldError("category", SpaceErrors.CategoryInvalid));
        }
        if (content is null or { Length: 0 })
        {
            errors.Add(new FieldError("file", SpaceErrors.FileMissing));
        }
        else if (content.Length > MaxFileBytes)
        {
            errors.Add(new FieldError("file", SpaceErrors.FileTooLarge));
        }
        return errors.Count > 0 ? (null, errors) : (new FileUpload(trimmed!, type, parsed!.Value, content!), errors);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+-]{0,48}/[a-z0-9][a-z0-9!#$&^_.+-]{0,48}$")]
    private static partial Regex MediaType();
}
