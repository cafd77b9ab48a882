using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Pilot;

/// <summary>Views of applications with their coverage computed from the registry, and the public list of published pilots.</summary>
public sealed class PilotQueries(HubDbContext db, RegionCatalog regions, PilotSchoolCheck schools, PilotApplications applications)
{
    public async Task<PilotApplicationView> ViewAsync(PilotApplication a, CancellationToken ct)
    {
        var content = PilotJson.Read(a.ContentJson);
        return new PilotApplicationView(a.Id, Wire(a.Kind), a.RegionCode, PilotDocument.RegionName(regions, a.RegionCode), Wire(a.Status),
            a.CreatedAt, a.UpdatedAt, a.SubmittedAt, a.DecidedAt, a.DecisionReason, a.PublishedAt, applications.Deadline(a.Kind),
            a.ChangeVersion, content, await CoverageAsync(content, ct));
    }

    /// <summary>Coverage of every pilot region whose code is a current city or county, drafts included (so applicants see it while filling in).</summary>
    public async Task<List<CoverageView>> CoverageAsync(PilotApplicationInput content, CancellationToken ct)
    {
        var platforms = content.Platforms ?? [];
        var registry = await schools.LoadAsync(platforms.SelectMany(p => p?.Regions ?? []).SelectMany(r => r?.Schools ?? [])
            .Select(c => c?.Trim() ?? ""), ct);
        var result = new List<CoverageView>();
        for (var p = 0; p < platforms.Length; p++)
        {
            var regionInputs = platforms[p]?.Regions ?? [];
            for (var r = 0; r < regionInputs.Length && r < PilotValidator.MaxDraftRegions; r++)
            {
                var code = regionInputs[r]?.RegionCode?.Trim();
                if (!regions.TryGet(code, out var region) || !region.IsCurrent || region.Level == RegionLevel.Province)
                {
                    continue;
                }
                var (_, pilot, all) = await schools.CheckAsync(code, regionInputs[r]?.Schools ?? [], registry, "", [], ct);
                result.Add(new CoverageView(p, r, code!, region.Name, pilot, all, PilotCoverage.Percent(pilot, all), PilotCoverage.Meets(pilot, all)));
            }
        }
        return result;
    }

    /// <summary>The published pilot platforms and their pilot regions (审定并予以公布): public, no personal data.</summary>
    public async Task<List<PublishedPlatformView>> PublishedAsync(CancellationToken ct)
    {
        var published = await db.Set<PilotApplication>().AsNoTracking().Where(a => a.Status == PilotApplicationStatus.Published)
            .OrderBy(a => a.RegionCode).ThenBy(a => a.Id).ToListAsync(ct);
        return [.. published.SelectMany(a => PilotDocument.PlatformsWithRegions(PilotJson.Read(a.ContentJson)).Select(p =>
            new PublishedPlatformView(a.Id, p.Form.Name, p.Form.Url, PlatformFormLabels.Wire(p.Form.ServiceScope), p.ServiceRegion,
                PilotDocument.RegionName(regions, p.ServiceRegion),
                [.. p.Regions.Select(r => new PublishedRegionView(r.RegionCode!.Trim(), PilotDocument.RegionName(regions, r.RegionCode.Trim()),
                    (r.Schools ?? []).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).Count()))],
                a.PublishedAt!.Value)))];
    }

    public static string Wire(PilotApplicationKind kind) => kind == PilotApplicationKind.Provincial ? "provincial" : "direct";

    public static string Wire(PilotApplicationStatus status) => PlatformFormLabels.Wire(status);

    public static (string Zh, string En) Label(PilotApplicationStatus status) => status switch
    {
        PilotApplicationStatus.Draft => ("草稿", "Draft"),
        PilotApplicationStatus.Submitted => ("已提交，待评审", "Submitted, under review"),
        PilotApplicationStatus.Approved => ("已通过", "Approved"),
        PilotApplicationStatus.Rejected => ("未通过", "Rejected"),
        _ => ("已公布", "Published"),
    };
}
