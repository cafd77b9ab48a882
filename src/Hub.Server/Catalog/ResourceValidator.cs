using System.Text.RegularExpressions;
using Hub.Contracts.V1;
using Hub.Server.Api;
using Hub.Server.Organizations;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Catalog;

/// <summary>A resource record that passed every rule, normalized, with the region its origin resolves to.</summary>
public sealed record ValidResource(ResourceRecord Record, string OriginLevel, string OriginRegionCode, string? OriginSchoolCode,
    string[] Keywords, short[] Grades, string[] Chapter);

/// <summary>
/// The rules of specs/data resource.schema.json and specs/data/resource.md that need no database: code lists, lengths,
/// formats, licence and origin consistency and the submitter's jurisdiction over the origin. Every offending field is
/// reported (JSON path without "$."), never only the first.
/// </summary>
public sealed partial class ResourceValidator(RegionCatalog regions)
{
    public (ValidResource? Valid, List<FieldError> Errors) Validate(ResourceRecord? r, Caller submitter)
    {
        var errors = new List<FieldError>();
        if (r is null)
        {
            return (null, [new FieldError("", GeneralErrors.ValidationFailed)]);
        }
        void Check(bool ok, string field, ErrorDefinition error)
        {
            if (!ok)
            {
                errors.Add(new FieldError(field, error));
            }
        }
        Check(Text(r.SourceId, 1, 128), "sourceId", ResourceErrors.SourceIdInvalid);
        Check(r.Version > 0, "version", ResourceErrors.VersionInvalid);
        Check(Text(r.Title?.Trim(), 1, 200), "title", ResourceErrors.TitleInvalid);
        Check(r.Description is null || r.Description.Length <= 2000, "description", ResourceErrors.DescriptionInvalid);
        var keywords = (r.Keywords ?? []).Select(k => k?.Trim() ?? "").ToArray();
        Check(keywords.Length <= 20 && keywords.All(k => Text(k, 1, 50)) && keywords.Distinct(StringComparer.Ordinal).Count() == keywords.Length,
            "keywords", ResourceErrors.KeywordsInvalid);
        Check(CatalogCodes.Has(CatalogCodes.Subjects, r.Subject), "subject", ResourceErrors.SubjectUnknown);
        Check(CatalogCodes.Has(CatalogCodes.Stages, r.Stage), "stage", ResourceErrors.StageUnknown);
        var grades = r.Grades ?? [];
        Check(grades.All(g => g is >= 1 and <= 12) && grades.Distinct().Count() == grades.Count, "grades", ResourceErrors.GradesInvalid);
        var chapter = (r.Textbook?.Chapter ?? []).Select(c => c?.Trim() ?? "").ToArray();
        Check(r.Textbook is null || (Text(r.Textbook.Edition?.Trim(), 1, 50) && (r.Textbook.Volume ?? "").Length <= 50
            && (r.Textbook.Chapter is null || (chapter.Length is >= 1 and <= 6 && chapter.All(c => Text(c, 1, 100))))), "textbook", ResourceErrors.TextbookInvalid);
        Check(CatalogCodes.Has(CatalogCodes.ResourceTypes, r.ResourceType), "resourceType", ResourceErrors.TypeUnknown);
        Check(r.Format is { Length: <= 127 } && MediaType().IsMatch(r.Format), "format", ResourceErrors.FormatInvalid);
        Check(r.Size is null or >= 0, "size", ResourceErrors.SizeInvalid);
        Check(r.Duration is null or >= 0 && (r.Duration is not null || r.ResourceType is not ("micro_lecture" or "lesson_recording")),
            "duration", ResourceErrors.SizeInvalid);
        Check(r.Language is { Length: <= 35 } && LanguageTag().IsMatch(r.Language), "language", ResourceErrors.LanguageInvalid);
        CheckLicence(r.Licence, errors);
        Check(r.Provider is not null && Text(r.Provider.Name?.Trim(), 1, 100)
            && (r.Provider.PlatformId is null || r.Provider.PlatformId == ProviderPlatform(submitter))
            && (r.Provider.OrganizationCode is null || OrganizationCode().IsMatch(r.Provider.OrganizationCode)), "provider", ResourceErrors.ProviderInvalid);
        var origin = Origin(r.Origin, submitter);
        Check(origin is not null, "origin", ResourceErrors.OriginInvalid);
        Check(r.Location is not null && Https(r.Location.Url) && (r.Location.PreviewUrl is null || Https(r.Location.PreviewUrl)),
            "location.url", ResourceErrors.LocationInvalid);
        Check(r.Checksum is { Algorithm: "sha256" } && r.Checksum.Value is { } v && Sha256().IsMatch(v), "checksum", ResourceErrors.ChecksumInvalid);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new ValidResource(r, origin!.Value.Level, origin.Value.Region, origin.Value.School, keywords,
            [.. grades.Select(g => (short)g).Order()], r.Textbook?.Chapter is null ? [] : chapter), errors);
    }

    /// <summary>The platform id a submitter provides resources as (vendors are told apart from platforms).</summary>
    public static string ProviderPlatform(Caller caller) => caller.ClientId;

    public static string ProviderId(Caller caller) =>
        caller.Kind == Oidc.ClientKind.Vendor ? "vendor:" + caller.ClientId : caller.ClientId;

    private void CheckLicence(ResourceLicence? licence, List<FieldError> errors)
    {
        var ok = licence?.Kind switch
        {
            "free" => licence.Price is null && licence.RegionCode is null,
            "paid" => licence.Price is >= 0 and <= 9_999_999_999m && decimal.Round(licence.Price.Value, 2) == licence.Price && licence.RegionCode is null,
            "procured" => licence.Price is null && regions.Exists(licence.RegionCode),
            _ => false,
        };
        if (!ok)
        {
            errors.Add(new FieldError("licence", ResourceErrors.LicenceInvalid));
        }
    }

    /// <summary>(level, region, school) when the origin is consistent and inside the submitter's jurisdiction.</summary>
    private (string Level, string Region, string? School)? Origin(ResourceOrigin? origin, Caller submitter)
    {
        if (origin is null)
        {
            return null;
        }
        var vendor = submitter.Kind == Oidc.ClientKind.Vendor;
        if (origin.Level == "national")
        {
            // Vendors are admitted nationally or per region; the writer checks the admission.
            return origin.RegionCode is null or "000000" && origin.SchoolCode is null && (vendor || submitter.Scope.IsNational)
                ? ("national", "000000", null) : null;
        }
        var code = origin.RegionCode;
        if (!regions.IsCurrent(code) || (!vendor && !submitter.Scope.Contains(code)))
        {
            return null;
        }
        var prefixLength = RegionScope.Of(code).Prefix!.Length;
        return origin.Level switch
        {
            "province" when prefixLength == 2 && origin.SchoolCode is null => ("province", code!, null),
            "city" when prefixLength == 4 && origin.SchoolCode is null => ("city", code!, null),
            "county" when prefixLength == 6 && origin.SchoolCode is null => ("county", code!, null),
            "school" when prefixLength > 2 && !vendor && SchoolCode.Check(origin.SchoolCode, regions) is null && origin.SchoolCode![2..4] == code![..2] => ("school", code!, origin.SchoolCode),
            _ => null,
        };
    }

    private static bool Text(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max && !value.Any(char.IsControl);

    private static bool Https(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex("^[a-z]+/[a-z0-9.+-]+$")]
    private static partial Regex MediaType();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    [GeneratedRegex("^([0-9]{10}|EB[1-9][0-9]{5})$")]
    private static partial Regex OrganizationCode();
}
