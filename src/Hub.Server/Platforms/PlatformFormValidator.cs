using System.Net.Mail;
using System.Text.RegularExpressions;
using Hub.Server.Problems;

namespace Hub.Server.Platforms;

/// <summary>Checks every field of attachment 2 and names each offending one (JSON paths such as "applicant.lead.phone").</summary>
public static partial class PlatformFormValidator
{
    public const int MaxRegistered = 100_000_000;
    public const decimal MaxBudget = 10_000_000m;
    public const decimal MaxStorageTb = 1_000_000m;

    public static (PlatformForm? Form, List<FieldError> Errors) Validate(PlatformFormInput? input, string prefix = "")
    {
        var errors = new List<FieldError>();
        input ??= new PlatformFormInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var applicant = ValidateApplicant(input.Applicant, prefix + "applicant", errors);
        var name = Text(input.Name, 100, prefix + "name", errors);
        var url = Url(input.Url, prefix + "url", errors);
        var schools = Count(input.RegisteredSchools, MaxRegistered, prefix + "registeredSchools", errors);
        var teachers = Count(input.RegisteredTeachers, MaxRegistered, prefix + "registeredTeachers", errors);
        var students = Count(input.RegisteredStudents, MaxRegistered, prefix + "registeredStudents", errors);
        var parents = Count(input.RegisteredParents, MaxRegistered, prefix + "registeredParents", errors);
        var scope = Parse<ServiceScope>(input.ServiceScope, prefix + "serviceScope", PlatformErrors.ServiceScopeInvalid, errors);
        var mode = Parse<DevelopmentMode>(input.DevelopmentMode, prefix + "developmentMode", PlatformErrors.DevelopmentModeInvalid, errors);
        string? other = null;
        if (mode == DevelopmentMode.Other)
        {
            other = Text(input.DevelopmentModeOther, 100, prefix + "developmentModeOther", errors);
        }
        var provider = Text(input.TechnicalServiceProvider, 100, prefix + "technicalServiceProvider", errors);
        if (input.SecurityLevel is not (1 or 2 or 3))
        {
            errors.Add(new FieldError(prefix + "securityLevel", PlatformErrors.SecurityLevelInvalid));
        }
        var staff = Count(input.OperationsStaff, 100_000, prefix + "operationsStaff", errors);
        var budget = Amount(input.AnnualBudgetTenThousandYuan, MaxBudget, prefix + "annualBudgetTenThousandYuan", errors);
        var types = new List<DataCentreType>();
        foreach (var text in input.DataCentreTypes ?? [])
        {
            if (Enum.TryParse<DataCentreType>(text, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(text, out _) && !types.Contains(t))
            {
                types.Add(t);
            }
            else
            {
                types.Clear();
                break;
            }
        }
        if (types.Count == 0)
        {
            errors.Add(new FieldError(prefix + "dataCentreTypes", PlatformErrors.DataCentreTypesInvalid));
        }
        var storage = Amount(input.StorageTb, MaxStorageTb, prefix + "storageTb", errors);
        var physical = Count(input.PhysicalServers, 1_000_000, prefix + "physicalServers", errors);
        var virtualServers = Count(input.VirtualServers, 10_000_000, prefix + "virtualServers", errors);
        var egress = input.Egress;
        int?[] carriers = [egress?.Telecom, egress?.Mobile, egress?.Unicom, egress?.Other];
        if (carriers.All(c => c is null) || carriers.Any(c => c is < 1 or > 1_000_000))
        {
            errors.Add(new FieldError(prefix + "egress", PlatformErrors.EgressInvalid));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        types.Sort();
        return (new PlatformForm(applicant!, name!, url!, schools!.Value, teachers!.Value, students!.Value, parents!.Value, scope!.Value,
            mode!.Value, other, provider!, input.SecurityLevel!.Value, staff!.Value, budget!.Value, types, storage!.Value, physical!.Value,
            virtualServers!.Value, new EgressBandwidth(egress!.Telecom, egress.Mobile, egress.Unicom, egress.Other)), errors);
    }

    public static Applicant? ValidateApplicant(ApplicantInput? input, string path, List<FieldError> errors)
    {
        var unit = Text(input?.Unit, 100, path + ".unit", errors);
        var address = Text(input?.Address, 200, path + ".address", errors);
        var postcode = input?.Postcode?.Trim();
        if (postcode is not { Length: 6 } || !postcode.All(char.IsAsciiDigit))
        {
            errors.Add(new FieldError(path + ".postcode", PlatformErrors.PostcodeInvalid));
        }
        var lead = ValidateContact(input?.Lead, path + ".lead", errors);
        var contact = ValidateContact(input?.Contact, path + ".contact", errors);
        return unit is null || address is null || lead is null || contact is null || errors.Any(e => e.Field.StartsWith(path, StringComparison.Ordinal))
            ? null : new Applicant(unit, address, postcode!, lead, contact);
    }

    public static Contact? ValidateContact(ContactInput? input, string path, List<FieldError> errors)
    {
        var before = errors.Count;
        var name = Text(input?.Name, 50, path + ".name", errors);
        var phone = input?.Phone?.Trim();
        if (phone is null || !PhonePattern().IsMatch(phone))
        {
            errors.Add(new FieldError(path + ".phone", PlatformErrors.PhoneInvalid));
        }
        var email = input?.Email?.Trim();
        if (email is not { Length: >= 3 and <= 254 } || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.'))
        {
            errors.Add(new FieldError(path + ".email", PlatformErrors.EmailInvalid));
        }
        return errors.Count > before ? null : new Contact(name!, phone!, email!);
    }

    public static string? Text(string? value, int max, string field, List<FieldError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > max || text.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, PlatformErrors.TextInvalid));
            return null;
        }
        return text;
    }

    private static string? Url(string? value, string field, List<FieldError> errors)
    {
        var text = value?.Trim();
        if (text is not { Length: <= 500 } || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(new FieldError(field, PlatformErrors.UrlInvalid));
            return null;
        }
        return text;
    }

    private static int? Count(int? value, int max, string field, List<FieldError> errors)
    {
        if (value is not { } n || n < 0 || n > max)
        {
            errors.Add(new FieldError(field, PlatformErrors.CountInvalid));
            return null;
        }
        return n;
    }

    private static decimal? Amount(decimal? value, decimal max, string field, List<FieldError> errors)
    {
        if (value is not { } n || n < 0 || n > max || decimal.Round(n, 2) != n)
        {
            errors.Add(new FieldError(field, PlatformErrors.AmountInvalid));
            return null;
        }
        return n;
    }

    private static T? Parse<T>(string? text, string field, ErrorDefinition error, List<FieldError> errors) where T : struct, Enum
    {
        if (text is not null && !int.TryParse(text, out _) && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }
        errors.Add(new FieldError(field, error));
        return null;
    }

    // Mainland mobile (11 digits from 13–19) or a landline with a 3–4 digit area code and an optional extension.
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")]
    internal static partial Regex PhonePattern();
}
