using Hub.Server.Problems;

namespace Hub.Server.Identity.Registry;

public sealed record RegistrationOutcome(Person? Person, bool Created, long? ReviewCaseId, string? LocalId, ErrorDefinition? Error)
{
    public static RegistrationOutcome Ok(Person person, bool created, long? reviewCaseId, string localId) =>
        new(person, created, reviewCaseId, localId, null);

    public static RegistrationOutcome Fail(ErrorDefinition error) => new(null, false, null, null, error);
}
