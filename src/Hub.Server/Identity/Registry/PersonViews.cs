namespace Hub.Server.Identity.Registry;

internal static class PersonViews
{
    public static PersonView From(Person p, string? localId) => new(
        p.HubId,
        p.Name,
        p.DocumentType is { } type && p.DocumentMasked is { } masked ? new DocumentView(type, masked) : null,
        p.StudentNumberMasked,
        p.Gender,
        p.BirthDate,
        [.. p.Roles.Select(r => (int)r)],
        p.RegionCode,
        p.Status.ToString(),
        new VerificationView(p.VerificationLevel.ToString(), p.VerifiedBy, p.VerifiedAt),
        p.ChangeVersion,
        localId);
}
