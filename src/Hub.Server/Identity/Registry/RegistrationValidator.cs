using Hub.Server.Api;
using Hub.Server.Identity.Documents;
using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Identity.Registry;

/// <summary>A registration that passed every check, with normalized values.</summary>
public sealed record ValidRegistration(
    string LocalId,
    string Name,
    IdentityDocument? Document,
    StudentNumber? StudentNumber,
    short[] Roles,
    string RegionCode,
    Gender Gender,
    DateOnly? BirthDate);

/// <summary>Checks every field of a registration and names each offending one; nothing is written on failure.</summary>
internal sealed class RegistrationValidator(RegionCatalog regions, TimeProvider clock)
{
    public (ValidRegistration? Valid, List<FieldError> Errors) Validate(RegisterPersonRequest request, Caller caller)
    {
        var errors = new List<FieldError>();
        var today = IdentityDocument.TodayInChina(clock);

        var localId = request.LocalId?.Trim();
        if (string.IsNullOrEmpty(localId) || localId.Length > 128 || localId.Any(char.IsControl))
        {
            errors.Add(new FieldError("localId", RegistryErrors.LocalIdInvalid));
        }

        var name = PersonName.Validate(request.Name);
        if (!name.IsValid)
        {
            errors.AddRange(name.ToFieldErrors("name"));
        }

        IdentityDocument? document = null;
        if (request.Document is { } input && (input.Type is not null || !string.IsNullOrWhiteSpace(input.Number)))
        {
            if (input.Type is not { } type)
            {
                errors.Add(new FieldError("document.type", RegistryErrors.DocumentTypeRequired));
            }
            else
            {
                var validated = IdentityDocument.Validate(type, input.Number, today, regions);
                if (validated.IsValid)
                {
                    document = validated.Value.Type == DocumentType.None ? null : validated.Value;
                }
                else
                {
                    errors.AddRange(validated.ToFieldErrors("document.number"));
                }
            }
        }

        StudentNumber? studentNumber = null;
        if (!string.IsNullOrWhiteSpace(request.StudentNumber))
        {
            var validated = StudentNumber.Validate(request.StudentNumber, today, regions);
            if (validated.IsValid)
            {
                studentNumber = validated.Value;
            }
            else
            {
                errors.AddRange(validated.ToFieldErrors("studentNumber"));
            }
        }

        var roles = new SortedSet<short>();
        foreach (var role in request.Roles ?? [])
        {
            if (!Enum.IsDefined((PersonRole)role))
            {
                errors.Add(new FieldError("roles", RegistryErrors.RoleInvalid));
                break;
            }
            roles.Add((short)role);
        }

        var region = request.RegionCode?.Trim();
        if (region is null || !regions.IsCurrent(region) || !caller.Scope.Contains(region))
        {
            errors.Add(new FieldError("regionCode", RegistryErrors.RegionOutsideJurisdiction));
        }

        var gender = document?.Gender ?? studentNumber?.Gender ?? Gender.Unknown;
        if (request.Gender is { } claimed && claimed != Gender.Unknown)
        {
            if (!Enum.IsDefined(claimed) || (gender != Gender.Unknown && claimed != gender))
            {
                errors.Add(new FieldError("gender", RegistryErrors.ContradictsDocument));
            }
            else
            {
                gender = claimed;
            }
        }

        var birthDate = document?.BirthDate ?? studentNumber?.BirthDate;
        if (request.BirthDate is { } claimedBirth)
        {
            if (birthDate is { } known && known != claimedBirth)
            {
                errors.Add(new FieldError("birthDate", RegistryErrors.ContradictsDocument));
            }
            else if (claimedBirth < IdNumberRules.EarliestBirthDate || claimedBirth > today)
            {
                errors.Add(new FieldError("birthDate", IdentityErrors.BirthDateImplausible));
            }
            birthDate ??= claimedBirth;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new ValidRegistration(localId!, name.Value!.Value, document, studentNumber, [.. roles], region!, gender, birthDate), errors);
    }
}
