using System.Globalization;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Organizations;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Support;

/// <summary>
/// The equipment register (设备台账) per school, kept by the school (support:request) or the support side of its
/// region, and the repeated-fault queries: devices with several fault requests in a period, and models whose devices
/// fail more than once, across the caller's subtree.
/// </summary>
public sealed class SupportEquipment(HubDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Requests of these kinds count as faults of the device they name.</summary>
    public static readonly SupportKind[] FaultKinds = [SupportKind.EquipmentFault, SupportKind.Network];

    public async Task<(SupportDevice? Device, List<FieldError> Errors)> SaveAsync(SupportDevice? device, SupportDeviceRequest input, Caller caller, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        Organization? school = null;
        if (device is null)
        {
            var code = caller.SchoolCode ?? input.SchoolCode?.Trim();
            school = code is null || (caller.SchoolCode is not null && input.SchoolCode is not null && input.SchoolCode.Trim() != caller.SchoolCode) ? null
                : await db.Set<Organization>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == code && o.Kind == OrganizationKind.School && o.Status == OrganizationStatus.Active, ct);
            if (school is null || !caller.Scope.Contains(school.RegionCode))
            {
                errors.Add(new FieldError("schoolCode", SupportErrors.SchoolInvalid));
            }
        }
        var category = SupportCodes.Parse<DeviceCategory>(input.Category);
        if (category is null)
        {
            errors.Add(new FieldError("category", SupportErrors.DeviceCategoryInvalid));
        }
        var name = SupportLimits.Text(input.Name, SupportLimits.Name);
        var model = SupportLimits.Text(input.Model, SupportLimits.Name);
        var serial = SupportLimits.Text(input.SerialNumber, SupportLimits.ShortText);
        foreach (var (field, value) in new[] { ("name", name), ("model", model), ("serialNumber", serial) })
        {
            if (value is null)
            {
                errors.Add(new FieldError(field, SupportErrors.DeviceTextInvalid));
            }
        }
        var classroom = input.Classroom is null ? null : SupportLimits.Text(input.Classroom, SupportLimits.ShortText);
        if (input.Classroom is not null && classroom is null)
        {
            errors.Add(new FieldError("classroom", SupportErrors.ClassroomInvalid));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var now = clock.GetUtcNow();
        if (device is null)
        {
            device = new SupportDevice { SchoolId = school!.Id, SchoolCode = school.Code, RegionCode = school.RegionCode, Name = name!, Model = model!, SerialNumber = serial!, CreatedAt = now };
            db.Add(device);
        }
        device.Category = category!.Value;
        device.Name = name!;
        device.Model = model!;
        device.SerialNumber = serial!;
        device.Classroom = classroom;
        device.Status = input.Retired == true ? DeviceStatus.Retired : DeviceStatus.InUse;
        device.UpdatedAt = now;
        audit.Record(caller.Actor, "support.device.save", "support_device", device.SchoolCode + "/" + device.SerialNumber, "saved", regionCode: device.RegionCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (null, [new FieldError("serialNumber", SupportErrors.SerialTaken)]);
        }
        return (device, errors);
    }

    public async Task<SupportDevice?> FindAsync(long id, Caller caller, CancellationToken ct)
    {
        var device = await db.Set<SupportDevice>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is not null && !(caller.SchoolCode is { } s ? device.SchoolCode == s : caller.Scope.Contains(device.RegionCode)))
        {
            audit.Record(caller.Actor, "support.device.read", "support_device", id.ToString(CultureInfo.InvariantCulture), "denied: outside jurisdiction", regionCode: caller.RegionCode);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return device;
    }

    /// <summary>The register of one school (or of the caller's own school), with each device's fault count.</summary>
    public async Task<List<SupportDeviceView>> ListAsync(string schoolCode, Caller caller, CancellationToken ct)
    {
        if (caller.SchoolCode is { } own && own != schoolCode)
        {
            return [];
        }
        var rows = await db.Set<SupportDevice>().AsNoTracking().Where(d => d.SchoolCode == schoolCode).OrderBy(d => d.Classroom).ThenBy(d => d.Id).Take(5000)
            .Select(d => new { d, Faults = db.Set<SupportRequest>().Count(r => r.DeviceId == d.Id && FaultKinds.Contains(r.Kind)) }).ToListAsync(ct);
        return [.. rows.Where(x => caller.Scope.Contains(x.d.RegionCode)).Select(x => View(x.d, x.Faults))];
    }

    /// <summary>Devices with at least <paramref name="threshold"/> fault requests in [from, to), and the models they belong to.</summary>
    public async Task<RepeatedFaultsView> RepeatedAsync(RegionScope scope, string? schoolCode, DateOnly from, DateOnly to, int threshold, CancellationToken ct)
    {
        var (start, end) = (SupportStatistics.StartOf(from), SupportStatistics.StartOf(to.AddDays(1)));
        var (lower, upper) = (scope.Lower, scope.Upper);
#pragma warning disable CA1309 // translated to SQL comparisons over digit strings
        var devices = db.Set<SupportDevice>().AsNoTracking().Where(d => string.Compare(d.RegionCode, lower) >= 0 && string.Compare(d.RegionCode, upper) < 0);
#pragma warning restore CA1309
        if (schoolCode is not null)
        {
            devices = devices.Where(d => d.SchoolCode == schoolCode);
        }
        var faults = await devices
            .Join(db.Set<SupportRequest>().Where(r => FaultKinds.Contains(r.Kind) && r.CreatedAt >= start && r.CreatedAt < end), d => d.Id, r => r.DeviceId, (d, r) => new { d, r.CreatedAt })
            .GroupBy(x => new { x.d.Id, x.d.SchoolCode, x.d.Name, x.d.Classroom, x.d.Model, x.d.SerialNumber })
            .Select(g => new { g.Key, Faults = g.Count(), Last = g.Max(x => x.CreatedAt) })
            .ToListAsync(ct);
        var modelDevices = await devices.GroupBy(d => d.Model).Select(g => new { Model = g.Key, Devices = g.Count() }).ToDictionaryAsync(x => x.Model, x => x.Devices, ct);
        var repeated = faults.Where(f => f.Faults >= threshold).OrderByDescending(f => f.Faults).ThenBy(f => f.Key.Id)
            .Select(f => new RepeatedDeviceFault(f.Key.Id, f.Key.SchoolCode, f.Key.Name, f.Key.Classroom, f.Key.Model, f.Key.SerialNumber, f.Faults, f.Last)).Take(500).ToList();
        var models = faults.GroupBy(f => f.Key.Model)
            .Select(g => new RepeatedModelFault(g.Key, modelDevices.GetValueOrDefault(g.Key), g.Sum(f => f.Faults), g.Count(f => f.Faults >= threshold)))
            .Where(m => m.Faults >= threshold).OrderByDescending(m => m.Faults).ThenBy(m => m.Model, StringComparer.Ordinal).Take(500).ToList();
        return new RepeatedFaultsView(from, to, threshold, repeated, models);
    }

    public static SupportDeviceView View(SupportDevice d, int faults) =>
        new(d.Id, d.SchoolCode, d.RegionCode, SupportCodes.Wire(d.Category), d.Name, d.Classroom, d.Model, d.SerialNumber, SupportCodes.Wire(d.Status), faults);
}
