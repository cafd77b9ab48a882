using Hub.Server.Api;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Organizations;

/// <summary>A school that passed every check, normalized.</summary>
public sealed record ValidSchool(string Code, string Name, SchoolType SchoolType, string RegionCode, int BandwidthMbps,
    int ClassCount, int MultimediaClassCount, int MobileTerminalClassCount, int TeacherCount, int StudentCount);

/// <summary>Checks every field and names each offending one; nothing is written on failure.</summary>
public sealed class OrganizationValidator(RegionCatalog regions)
{
    public const int MaxClasses = 10_000;
    public const int MaxTeachers = 100_000;
    public const int MaxStudents = 1_000_000;

    public (ValidSchool? Valid, List<FieldError> Errors) Validate(SchoolRequest request, Caller caller, string? fixedCode = null)
    {
        var errors = new List<FieldError>();
        var code = (fixedCode ?? request.Code)?.Trim();
        if (SchoolCode.Check(code, regions) is { } codeError)
        {
            errors.Add(new FieldError("code", codeError));
        }
        var name = Name(request.Name, "name", errors);
        var type = SchoolTypes.Parse(request.SchoolType);
        if (type is null)
        {
            errors.Add(new FieldError("schoolType", OrganizationErrors.SchoolTypeInvalid));
        }
        else if (code is { Length: 10 } && errors.Count == 0 && !SchoolTypes.FitsCodeType(type.Value, code[..2]))
        {
            errors.Add(new FieldError("schoolType", OrganizationErrors.SchoolTypeCodeMismatch));
        }
        var region = Region(request.RegionCode, caller, errors);
        if (region is not null && code is { Length: 10 } && !errors.Any(e => e.Field == "code") && region[..2] != code[2..4])
        {
            errors.Add(new FieldError("code", OrganizationErrors.SchoolCodeRegionMismatch));
        }
        var bandwidth = Bandwidth.Parse(request.Bandwidth);
        if (bandwidth is null)
        {
            errors.Add(new FieldError("bandwidth", OrganizationErrors.BandwidthInvalid));
        }
        var classes = Count(request.ClassCount, MaxClasses, "classCount", errors);
        var multimedia = Count(request.MultimediaClassCount, MaxClasses, "multimediaClassCount", errors);
        var mobile = Count(request.MobileTerminalClassCount, MaxClasses, "mobileTerminalClassCount", errors);
        if (classes is not null && multimedia > classes)
        {
            errors.Add(new FieldError("multimediaClassCount", OrganizationErrors.ClassSubsetInvalid));
        }
        if (classes is not null && mobile > classes)
        {
            errors.Add(new FieldError("mobileTerminalClassCount", OrganizationErrors.ClassSubsetInvalid));
        }
        var teachers = Count(request.TeacherCount, MaxTeachers, "teacherCount", errors);
        var students = Count(request.StudentCount, MaxStudents, "studentCount", errors);
        return errors.Count > 0
            ? (null, errors)
            : (new ValidSchool(code!, name!, type!.Value, region!, bandwidth!.Value, classes!.Value, multimedia!.Value,
                mobile!.Value, teachers!.Value, students!.Value), errors);
    }

    /// <summary>A current region code inside the caller's jurisdiction, or an error on <paramref name="field"/>.</summary>
    public string? Region(string? code, Caller caller, List<FieldError> errors, string field = "regionCode")
    {
        code = code?.Trim();
        if (!regions.IsCurrent(code))
        {
            errors.Add(new FieldError(field, OrganizationErrors.RegionInvalid));
            return null;
        }
        if (!caller.Scope.Contains(code))
        {
            errors.Add(new FieldError(field, OrganizationErrors.RegionOutsideJurisdiction));
            return null;
        }
        return code;
    }

    public static string? Name(string? value, string field, List<FieldError> errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, OrganizationErrors.NameInvalid));
            return null;
        }
        return name;
    }

    private static int? Count(int? value, int max, string field, List<FieldError> errors)
    {
        if (value is not { } n || n < 0 || n > max)
        {
            errors.Add(new FieldError(field, OrganizationErrors.CountInvalid));
            return null;
        }
        return n;
    }
}
