using Hub.Server.Platforms;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Pilot;

/// <summary>
/// Checks a whole application as submission requires it and names each offending field by its JSON path
/// ("platforms[0].regions[1].schools[3]"). Nothing is written here; the caller refuses the submission as a whole.
/// </summary>
public sealed class PilotValidator(RegionCatalog regions, PilotSchoolCheck schools)
{
    public const int MaxPlatforms = 20;
    public const int MaxDraftRegions = 10;
    public const int MaxText = 500;
    public const int MaxLongText = 2000;

    /// <summary>The limits a draft must keep even while incomplete (so a draft cannot grow without bound).</summary>
    public static List<FieldError> CheckDraftSize(PilotApplicationInput input)
    {
        var errors = new List<FieldError>();
        var platforms = input.Platforms ?? [];
        if (platforms.Length > MaxPlatforms)
        {
            errors.Add(new FieldError("platforms", PilotErrors.DraftTooLarge));
        }
        for (var p = 0; p < platforms.Length && p < MaxPlatforms; p++)
        {
            var regionInputs = platforms[p]?.Regions ?? [];
            if (regionInputs.Length > MaxDraftRegions)
            {
                errors.Add(new FieldError($"platforms[{p}].regions", PilotErrors.DraftTooLarge));
            }
            for (var r = 0; r < regionInputs.Length && r < MaxDraftRegions; r++)
            {
                if (regionInputs[r]?.Schools is { Length: > PilotSchoolCheck.MaxSchools })
                {
                    errors.Add(new FieldError($"platforms[{p}].regions[{r}].schools", PilotErrors.DraftTooLarge));
                }
            }
        }
        return errors;
    }

    public async Task<(ValidPilotApplication? Valid, List<FieldError> Errors)> ValidateAsync(
        PilotApplicationInput input, PilotApplicationKind kind, string applicantRegion, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var platforms = input.Platforms ?? [];
        if (platforms.Length is < 1 or > MaxPlatforms)
        {
            errors.Add(new FieldError("platforms", PilotErrors.PlatformCount));
            return (null, errors);
        }
        var applicantScope = RegionScope.Of(applicantRegion);
        var registry = await schools.LoadAsync(platforms.SelectMany(p => p?.Regions ?? []).SelectMany(r => r?.Schools ?? [])
            .Select(c => c?.Trim() ?? ""), ct);
        var valid = new List<ValidPilotPlatform>();
        for (var p = 0; p < platforms.Length; p++)
        {
            var platform = platforms[p] ?? new PilotPlatformInput(null, null, null, null, null);
            var path = $"platforms[{p}]";
            var (form, formErrors) = PlatformFormValidator.Validate(platform.Form, path + ".form.");
            errors.AddRange(formErrors);
            var service = ServiceRegion(platform.ServiceRegionCode, form?.ServiceScope, applicantScope, path + ".serviceRegionCode", errors);
            var regionInputs = platform.Regions ?? [];
            if (regionInputs.Length is < 1 or > 3)
            {
                errors.Add(new FieldError(path + ".regions", PilotErrors.RegionCount));
            }
            var pilotRegions = new List<ValidPilotRegion>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < regionInputs.Length && r < MaxDraftRegions; r++)
            {
                var region = regionInputs[r] ?? new PilotRegionInput(null, null, null);
                var regionPath = $"{path}.regions[{r}]";
                var code = PilotRegion(region.RegionCode, service, applicantScope, regionPath + ".regionCode", errors);
                if (code is not null && !seen.Add(code))
                {
                    errors.Add(new FieldError(regionPath + ".regionCode", PilotErrors.RegionDuplicate));
                }
                var applicant = PlatformFormValidator.ValidateApplicant(region.Applicant, regionPath + ".applicant", errors);
                var (codes, pilot, all) = await schools.CheckAsync(code, region.Schools, registry, regionPath + ".schools", errors, ct);
                if (code is not null && codes.Count > 0 && !PilotCoverage.Meets(pilot, all))
                {
                    var percent = PilotCoverage.Percent(pilot, all);
                    errors.Add(new FieldError(regionPath + ".schools", PilotErrors.CoverageTooLow.Code,
                        $"{PilotErrors.CoverageTooLow.MessageZh}（{pilot}/{all}，{percent}）", $"{PilotErrors.CoverageTooLow.MessageEn} ({pilot}/{all}, {percent})"));
                }
                if (code is not null && applicant is not null)
                {
                    pilotRegions.Add(new ValidPilotRegion(code, applicant, codes, pilot, all));
                }
            }
            var coverage = kind == PilotApplicationKind.Provincial
                ? PlatformFormValidator.Text(platform.CoverageDescription, MaxText, path + ".coverageDescription", errors)
                : Optional(platform.CoverageDescription, MaxText, path + ".coverageDescription", errors);
            var remarks = Optional(platform.Remarks, MaxText, path + ".remarks", errors);
            if (form is not null && service is not null)
            {
                valid.Add(new ValidPilotPlatform(service, form, pilotRegions, coverage, remarks));
            }
        }
        var summary = kind == PilotApplicationKind.Provincial ? Summary(input.Summary, errors) : null;
        return errors.Count > 0 ? (null, errors) : (new ValidPilotApplication(valid, summary), errors);
    }

    private string? ServiceRegion(string? code, ServiceScope? scope, RegionScope applicantScope, string field, List<FieldError> errors)
    {
        code = code?.Trim();
        var level = scope switch { ServiceScope.Province => RegionLevel.Province, ServiceScope.City => RegionLevel.City, _ => RegionLevel.County };
        if (!regions.TryGet(code, out var region) || !region.IsCurrent || !applicantScope.Contains(code) || (scope is not null && region.Level != level))
        {
            errors.Add(new FieldError(field, PilotErrors.ServiceRegionInvalid));
            return null;
        }
        return code;
    }

    private string? PilotRegion(string? code, string? serviceRegion, RegionScope applicantScope, string field, List<FieldError> errors)
    {
        code = code?.Trim();
        if (!regions.TryGet(code, out var region) || !region.IsCurrent || region.Level == RegionLevel.Province)
        {
            errors.Add(new FieldError(field, PilotErrors.RegionInvalid));
            return null;
        }
        if (!applicantScope.Contains(code) || (serviceRegion is not null && !RegionScope.Of(serviceRegion).Contains(code)))
        {
            errors.Add(new FieldError(field, PilotErrors.RegionOutside));
            return null;
        }
        return code;
    }

    internal static ValidSummary? Summary(PilotSummaryInput? input, List<FieldError> errors)
    {
        var lead = Person(input?.Lead, "summary.lead", errors);
        var contact = Person(input?.Contact, "summary.contact", errors);
        var recommendation = LongText(input?.Recommendation, "summary.recommendation", errors);
        return lead is null || contact is null || recommendation is null ? null : new ValidSummary(lead, contact, recommendation);
    }

    private static SummaryPerson? Person(SummaryPersonInput? input, string path, List<FieldError> errors)
    {
        var name = PlatformFormValidator.Text(input?.Name, 50, path + ".name", errors);
        var title = PlatformFormValidator.Text(input?.Title, 50, path + ".title", errors);
        var phone = input?.Phone?.Trim();
        if (phone is null || !PlatformFormValidator.PhonePattern().IsMatch(phone))
        {
            errors.Add(new FieldError(path + ".phone", PlatformErrors.PhoneInvalid));
            return null;
        }
        return name is null || title is null ? null : new SummaryPerson(name, title, phone);
    }

    /// <summary>Free text of several lines (line breaks allowed, other control characters not).</summary>
    private static string? LongText(string? value, string field, List<FieldError> errors)
    {
        var text = value?.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(text) || text.Length > MaxLongText || text.Any(c => char.IsControl(c) && c != '\n'))
        {
            errors.Add(new FieldError(field, PlatformErrors.TextInvalid));
            return null;
        }
        return text;
    }

    private static string? Optional(string? value, int max, string field, List<FieldError> errors) =>
        string.IsNullOrWhiteSpace(value) ? null : PlatformFormValidator.Text(value, max, field, errors);
}
