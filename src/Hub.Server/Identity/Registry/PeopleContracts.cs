using Hub.Server.Identity.Documents;

namespace Hub.Server.Identity.Registry;

/// <summary>A platform registers (or resolves) a person. Every field is optional on the wire so that errors name the field.</summary>
public sealed record RegisterPersonRequest(
    string? LocalId,
    string? Name,
    DocumentInput? Document,
    string? StudentNumber,
    int[]? Roles,
    string? RegionCode,
    Gender? Gender,
    DateOnly? BirthDate);

public sealed record DocumentInput(DocumentType? Type, string? Number);

public sealed record LookupPersonRequest(DocumentInput? Document, string? StudentNumber);

/// <summary>A person as the API shows it: document and student numbers masked.</summary>
public sealed record PersonView(
    string HubId,
    string Name,
    DocumentView? Document,
    string? StudentNumberMasked,
    Gender Gender,
    DateOnly? BirthDate,
    int[] Roles,
    string RegionCode,
    string Status,
    VerificationView Verification,
    long ChangeVersion,
    string? LocalId);

public sealed record DocumentView(DocumentType Type, string NumberMasked);

public sealed record VerificationView(string Level, string? By, DateTimeOffset? At);

/// <summary>The outcome of a registration: created, or resolved to an existing person (with a review case on conflict).</summary>
public sealed record RegistrationView(PersonView Person, bool Created, long? ReviewCaseId);

public sealed record PersonPage(IReadOnlyList<PersonView> Items, string? Next);

/// <summary>A full document number, returned only to callers with the people:document scope; the read is audited.</summary>
public sealed record RevealedDocument(string HubId, DocumentType Type, string Number, string Purpose);
