using Hub.Server.Problems;
using Hub.Server.Regions;

namespace Hub.Server.Identity.Documents;

/// <summary>
/// A validated identity document. <see cref="BirthDate"/> and <see cref="Gender"/> are set only when the number
/// itself carries them (today: the resident ID).
/// </summary>
public sealed record IdentityDocument
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private IdentityDocument(DocumentType type, string number, string lifelongNumber, DateOnly? birthDate, Gender? gender)
    {
        Type = type;
        Number = number;
        LifelongNumber = lifelongNumber;
        BirthDate = birthDate;
        Gender = gender;
    }

    public DocumentType Type { get; }

    /// <summary>Normalized: trimmed, half-width, letters upper-case. Empty for <see cref="DocumentType.None"/>.</summary>
    public string Number { get; }

    /// <summary>
    /// The part of <see cref="Number"/> that stays the same when the document is renewed: the first 9 characters of
    /// an 11-character Hong Kong/Macao permit, the first 8 digits of an old Taiwan permit, otherwise the number.
    /// Match people on this, not on <see cref="Number"/>.
    /// </summary>
    public string LifelongNumber { get; }

    public DateOnly? BirthDate { get; }

    public Gender? Gender { get; }

    /// <summary>Today's date in China (UTC+8, no daylight saving), the date birth dates are compared with.</summary>
    public static DateOnly TodayInChina(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
    }

    /// <summary>Validates against <see cref="RegionCatalog.Default"/>.</summary>
    public static Validated<IdentityDocument> Validate(DocumentType type, string? raw, DateOnly today) =>
        Validate(type, raw, today, RegionCatalog.Default);

    /// <summary>The single entry point for any document: normalizes <paramref name="raw"/> and checks it for <paramref name="type"/>.</summary>
    public static Validated<IdentityDocument> Validate(DocumentType type, string? raw, DateOnly today, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!type.IsDefined())
        {
            return new([IdentityErrors.DocumentTypeUnsupported]);
        }
        if (type == DocumentType.ResidentIdCard)
        {
            var id = ResidentIdNumber.Validate(raw, today, regions);
            return id.IsValid
                ? new(new IdentityDocument(type, id.Value.Value, id.Value.Value, id.Value.BirthDate, id.Value.Gender))
                : new(id.Errors);
        }

        var number = IdentityText.TrimAndFoldWidth(raw).ToUpperInvariant();
        if (type == DocumentType.None)
        {
            return number.Length == 0
                ? new(new IdentityDocument(type, string.Empty, string.Empty, null, null))
                : new([IdentityErrors.DocumentNumberNotExpected]);
        }
        if (number.Length == 0)
        {
            return new([IdentityErrors.DocumentNumberRequired]);
        }

        var lifelong = number;
        IReadOnlyList<ErrorDefinition> errors = type switch
        {
            DocumentType.HongKongMacaoPermit => AsList(OtherDocumentRules.CheckHongKongMacao(number, out lifelong)),
            DocumentType.TaiwanPermit => AsList(OtherDocumentRules.CheckTaiwan(number, out lifelong)),
            DocumentType.Passport => AsList(OtherDocumentRules.CheckPassport(number)),
            DocumentType.ForeignPermanentResidentCard => OtherDocumentRules.CheckForeignPermanentResident(number),
            _ => [IdentityErrors.DocumentTypeUnsupported],
        };
        return errors.Count == 0 ? new(new IdentityDocument(type, number, lifelong, null, null)) : new(errors);
    }

    /// <summary>Masked, so that a document logged by accident does not leak its number.</summary>
    public override string ToString() => $"{Type} {IdentityText.MaskNumber(Number)}";

    private static IReadOnlyList<ErrorDefinition> AsList(ErrorDefinition? error) => error is null ? [] : [error];
}
