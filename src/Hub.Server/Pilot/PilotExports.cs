using Hub.Server.Organizations;
using Hub.Server.Platforms;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Hub.Server.Web.Tables;

namespace Hub.Server.Pilot;

/// <summary>A file to download.</summary>
public sealed record ExportFile(byte[] Bytes, string ContentType, string FileName);

/// <summary>
/// The filled attachments as files. The forms come from the application's document; the school rows of attachment 3 are
/// read from the registry at export time, so the table shows the schools as they are registered now.
/// </summary>
public sealed class PilotExports(PilotSchoolCheck schools, OrganizationDirectory directory, RegionCatalog regions)
{
    public async Task<PilotResult<ExportFile>> ExportAsync(PilotApplication application, string attachment, string? format, int? platform,
        int? region, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return Invalid("format");
        }
        var content = PilotJson.Read(application.ContentJson);
        var platforms = content.Platforms ?? [];
        PilotResult<Table> table = attachment switch
        {
            "attachment-2" => Attachment2(platforms, platform),
            "attachment-3" => await Attachment3Async(platforms, platform, region, ct),
            "attachment-4" => Attachment4(application, content),
            _ => PilotResult.Invalid<Table>([new FieldError("attachment", PilotErrors.ExportInvalid)]),
        };
        if (!table.Ok)
        {
            return new PilotResult<ExportFile>(null, table.Error, table.Errors);
        }
        var name = $"pilot-{application.Id}-{attachment}{(platform is { } p ? "-p" + p : "")}{(region is { } r && attachment == "attachment-3" ? "-r" + r : "")}.{format}";
        return format == "csv"
            ? new ExportFile(CsvWriter.Write(table.Value!), CsvWriter.ContentType, name)
            : new ExportFile(XlsxWriter.Write(table.Value!), XlsxWriter.ContentType, name);
    }

    private static PilotResult<Table> Attachment2(PilotPlatformInput?[] platforms, int? platform)
    {
        if (platform is not { } p || p < 0 || p >= platforms.Length || PlatformFormValidator.Validate(platforms[p]?.Form).Form is not { } form)
        {
            return PilotResult.Invalid<Table>([new FieldError("platform", PilotErrors.ExportInvalid)]);
        }
        return PilotTables.Platform(form);
    }

    private async Task<PilotResult<Table>> Attachment3Async(PilotPlatformInput?[] platforms, int? platform, int? region, CancellationToken ct)
    {
        if (platform is not { } p || p < 0 || p >= platforms.Length)
        {
            return PilotResult.Invalid<Table>([new FieldError("platform", PilotErrors.ExportInvalid)]);
        }
        var regionInputs = platforms[p]?.Regions ?? [];
        var errors = new List<FieldError>();
        if (region is not { } r || r < 0 || r >= regionInputs.Length || regionInputs[r]?.RegionCode?.Trim() is not { } code
            || !regions.TryGet(code, out var found)
            || PlatformFormValidator.ValidateApplicant(regionInputs[r]!.Applicant, "applicant", errors) is not { } applicant)
        {
            return PilotResult.Invalid<Table>([new FieldError("region", PilotErrors.ExportInvalid)]);
        }
        var listed = (regionInputs[r]!.Schools ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var registry = await schools.LoadAsync(listed, ct);
        var rows = listed.Where(registry.ContainsKey).Select(c => registry[c]).ToList();
        var all = await directory.CountPrimaryAndSecondaryAsync(code, ct);
        return PilotTables.Region(applicant, code, found.Name, rows, all);
    }

    private PilotResult<Table> Attachment4(PilotApplication application, PilotApplicationInput content)
    {
        if (application.Kind != PilotApplicationKind.Provincial)
        {
            return PilotResult.Fail<Table>(PilotErrors.NoSummary);
        }
        var errors = new List<FieldError>();
        var summary = PilotValidator.Summary(content.Summary, errors);
        var rows = (content.Platforms ?? []).Select(p => (Form: PlatformFormValidator.Validate(p?.Form).Form, Input: p))
            .Where(p => p.Form is not null)
            .Select(p => (p.Form!, Blank(p.Input!.CoverageDescription), Blank(p.Input.Remarks))).ToList();
        if (summary is null)
        {
            return PilotResult.Invalid<Table>([new FieldError("summary", PilotErrors.ExportInvalid)]);
        }
        return PilotTables.Summary(PilotDocument.RegionName(regions, application.RegionCode) ?? application.RegionCode, summary, rows);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static PilotResult<ExportFile> Invalid(string field) => PilotResult.Invalid<ExportFile>([new FieldError(field, PilotErrors.ExportInvalid)]);
}
