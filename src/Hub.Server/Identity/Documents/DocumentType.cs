namespace Hub.Server.Identity.Documents;

/// <summary>
/// Identity document types. The numbers are the wire codes and never change meaning; 0 is deliberately unused so
/// that a missing field is not mistaken for a real type.
/// </summary>
public enum DocumentType
{
    /// <summary>居民身份证 (GB 11643-1999 number).</summary>
    ResidentIdCard = 1,

    /// <summary>港澳居民来往内地通行证.</summary>
    HongKongMacaoPermit = 2,

    /// <summary>台湾居民来往大陆通行证.</summary>
    TaiwanPermit = 3,

    /// <summary>护照.</summary>
    Passport = 4,

    /// <summary>外国人永久居留身份证.</summary>
    ForeignPermanentResidentCard = 5,

    /// <summary>暂无证件: the person has no document yet (e.g. a young child); no number is given.</summary>
    None = 9,
}
