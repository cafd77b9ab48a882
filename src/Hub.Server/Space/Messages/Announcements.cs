using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Identity.Registry;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Space.Messages;

/// <summary>
/// Sending and withdrawing announcements. Platforms and operators (permission <c>space:announce</c>) target a region or a
/// school inside their jurisdiction; teachers and school staff target their own school or one of its classes.
/// </summary>
public sealed class Announcements(HubDbContext db, OrganizationDirectory organizations, RegionCatalog regions, AuditLog audit, TimeProvider clock)
{
    public async Task<(AnnouncementView? Sent, List<FieldError> Errors)> SendAsync(AnnouncementRequest request, Caller caller, CancellationToken ct)
    {
        var errors = MessageRules.CheckAnnouncement(request, clock.GetUtcNow());
        string prefix = "", regionCode = "000000";
        string? school = null;
        if (request.RegionCode is { } region)
        {
            if (region == "000000" && caller.Scope.IsNational)
            {
                (prefix, regionCode) = ("", region);
            }
            else if (regions.Exists(region) && caller.Scope.Contains(region))
            {
                (prefix, regionCode) = (RegionScope.Of(region).Prefix ?? "", region);
            }
            else
            {
                errors.Add(new FieldError("regionCode", SpaceErrors.TargetRegionInvalid));
            }
        }
        else if (request.SchoolCode is { } code)
        {
            // Outside the jurisdiction the school is reported absent and the attempt audited.
            if (await organizations.FindAsync(code, caller, "space.announcement.send", ct) is { Kind: OrganizationKind.School, Status: OrganizationStatus.Active } found)
            {
                (school, regionCode, prefix) = (found.Code, found.RegionCode, RegionScope.Of(found.RegionCode).Prefix ?? "");
            }
            else
            {
                errors.Add(new FieldError("schoolCode", SpaceErrors.TargetSchoolInvalid));
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var sender = caller.Kind == Oidc.ClientKind.Operator
            ? (regions.TryGet(caller.RegionCode, out var r) ? r.Name : "国家中心") + "管理员"
            : (regions.TryGet(caller.RegionCode, out var p) ? p.Name : "国家") + "平台 " + caller.ClientId;
        var sent = Add(request, caller.Actor, sender, SenderKind.Jurisdiction, prefix, regionCode, school);
        audit.Record(caller.Actor, "space.announcement.send", "announcement", null, "sent", regionCode: caller.RegionCode);
        await db.SaveChangesAsync(ct);
        return (View(sent), errors);
    }

    /// <summary>A teacher's or staff member's notice to their own school, or to one class of it.</summary>
    public async Task<(AnnouncementView? Sent, List<FieldError> Errors)> SendAsTeacherAsync(AnnouncementRequest request, SpacePerson teacher, CancellationToken ct)
    {
        var errors = MessageRules.CheckAnnouncement(request, clock.GetUtcNow());
        Organization? school = null;
        if (request.RegionCode is not null)
        {
            errors.Add(new FieldError("regionCode", SpaceErrors.TargetInvalid));
        }
        else if (request.SchoolCode is { } code)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var teaches = await AudienceResolver.Current(db.Set<PersonAffiliation>(), today).AnyAsync(a => a.PersonId == teacher.Id
                && a.OrganizationCode == code && (a.Role == PersonRole.Teacher || a.Role == PersonRole.SchoolStaff), ct);
            school = teaches ? await db.Set<Organization>().FirstOrDefaultAsync(o => o.Code == code && o.Kind == OrganizationKind.School, ct) : null;
            if (school is null)
            {
                errors.Add(new FieldError("schoolCode", SpaceErrors.TargetSchoolInvalid));
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var sent = Add(request, teacher.Actor, teacher.Name, SenderKind.Teacher, RegionScope.Of(school!.RegionCode).Prefix ?? "", school.RegionCode, school.Code);
        audit.Record(teacher.Actor, "space.announcement.send", "announcement", null, "sent", purpose: "school " + school.Code);
        await db.SaveChangesAsync(ct);
        return (View(sent), errors);
    }

    /// <summary>What this sender sent, newest first (keyset by id).</summary>
    public async Task<AnnouncementPage> ListSentAsync(string actor, long? before, int limit, CancellationToken ct)
    {
        var query = db.Set<Announcement>().AsNoTracking().Where(a => a.SenderActor == actor);
        if (before is { } b)
        {
            query = query.Where(a => a.Id < b);
        }
        var items = await query.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(ct);
        var next = items.Count > limit ? items[limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new AnnouncementPage([.. items.Take(limit).Select(View)], next);
    }

    /// <summary>Withdraws one of the sender's announcements: it leaves every inbox at once. False: not the sender's.</summary>
    public async Task<bool> WithdrawAsync(long id, string actor, CancellationToken ct)
    {
        var announcement = await db.Set<Announcement>().FirstOrDefaultAsync(a => a.Id == id && a.SenderActor == actor, ct);
        if (announcement is null)
        {
            return false;
        }
        announcement.WithdrawnAt ??= clock.GetUtcNow();
        audit.Record(actor, "space.announcement.withdraw", "announcement", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "withdrawn");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private Announcement Add(AnnouncementRequest request, string actor, string senderName, SenderKind kind, string prefix, string regionCode, string? school)
    {
        var announcement = new Announcement
        {
            SenderActor = actor, SenderName = senderName, SenderKind = kind, Title = request.Title!.Trim(), Body = request.Body!.Trim(),
            RegionPrefix = prefix, RegionCode = regionCode, SchoolCode = school, ClassCode = school is null ? null : MessageRules.Trimmed(request.ClassCode),
            Roles = [.. (request.Roles ?? []).Select(r => (short)r).Order()], CreatedAt = clock.GetUtcNow(), ExpiresAt = request.ExpiresAt,
        };
        db.Add(announcement);
        return announcement;
    }

    public static AnnouncementView View(Announcement a) => new(a.Id, a.Title, a.Body, a.SenderName, a.SchoolCode is null ? a.RegionCode : null,
        a.SchoolCode, a.ClassCode, [.. a.Roles.Select(r => (int)r)], a.CreatedAt, a.ExpiresAt, a.WithdrawnAt);
}
