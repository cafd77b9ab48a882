using System.Globalization;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Export;

/// <summary>The registry record as the person may see it: every field, document and student numbers masked (the full values stay encrypted).</summary>
public sealed class PersonRecordSection(HubDbContext db) : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var p = await db.Set<Person>().AsNoTracking().FirstAsync(x => x.Id == person.Id, ct);
        return new ExportSection("person", "实名信息（证件号码已打码）", "Registry record (document numbers masked)",
            ["hubId", "name", "gender", "birthDate", "regionCode", "roles", "documentType", "documentNumberMasked", "studentNumberMasked",
             "verificationLevel", "status", "createdAt"],
            [[p.HubId, p.Name, ((int)p.Gender).ToString(CultureInfo.InvariantCulture), p.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
              p.RegionCode, string.Join(' ', p.Roles), p.DocumentType?.ToString(), p.DocumentMasked, p.StudentNumberMasked,
              p.VerificationLevel.ToString(), p.Status.ToString(), SpaceExport.Time(p.CreatedAt)]]);
    }
}

public sealed class AffiliationSection(HubDbContext db) : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var rows = await db.Set<PersonAffiliation>().AsNoTracking().Where(a => a.PersonId == person.Id)
            .GroupJoin(db.Set<Organization>(), a => a.OrganizationCode, o => o.Code, (a, o) => new { a, o })
            .SelectMany(x => x.o.DefaultIfEmpty(), (x, o) => new { x.a, Name = o == null ? null : o.Name })
            .OrderBy(x => x.a.ValidFrom).ToListAsync(ct);
        return new ExportSection("affiliations", "任职与就读", "Affiliations", ["organizationCode", "organizationName", "role", "classCode", "validFrom", "validTo"],
            [.. rows.Select(x => (IReadOnlyList<string?>)[x.a.OrganizationCode, x.Name, ((int)x.a.Role).ToString(CultureInfo.InvariantCulture), x.a.ClassCode,
                x.a.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.a.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)])]);
    }
}

public sealed class GuardianSection(HubDbContext db) : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var students = await db.Set<GuardianLink>().Where(g => g.ParentId == person.Id)
            .Join(db.Set<Person>(), g => g.StudentId, p => p.Id, (g, p) => new { Relation = "student", p.HubId, p.Name, g.CreatedAt }).ToListAsync(ct);
        var parents = await db.Set<GuardianLink>().Where(g => g.StudentId == person.Id)
            .Join(db.Set<Person>(), g => g.ParentId, p => p.Id, (g, p) => new { Relation = "parent", p.HubId, p.Name, g.CreatedAt }).ToListAsync(ct);
        return new ExportSection("guardians", "监护关系", "Guardian links", ["relation", "hubId", "name", "since"],
            [.. students.Concat(parents).Select(x => (IReadOnlyList<string?>)[x.Relation, x.HubId, x.Name, SpaceExport.Time(x.CreatedAt)])]);
    }
}
