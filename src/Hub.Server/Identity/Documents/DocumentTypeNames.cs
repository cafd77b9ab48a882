namespace Hub.Server.Identity.Documents;

/// <summary>Display names of <see cref="DocumentType"/>, Chinese first.</summary>
public static class DocumentTypeNames
{
    public static string DisplayNameZh(this DocumentType type) => type switch
    {
        DocumentType.ResidentIdCard => "居民身份证",
        DocumentType.HongKongMacaoPermit => "港澳居民来往内地通行证",
        DocumentType.TaiwanPermit => "台湾居民来往大陆通行证",
        DocumentType.Passport => "护照",
        DocumentType.ForeignPermanentResidentCard => "外国人永久居留身份证",
        DocumentType.None => "暂无证件",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown document type"),
    };

    public static string DisplayNameEn(this DocumentType type) => type switch
    {
        DocumentType.ResidentIdCard => "Resident identity card",
        DocumentType.HongKongMacaoPermit => "Mainland travel permit for Hong Kong and Macao residents",
        DocumentType.TaiwanPermit => "Mainland travel permit for Taiwan residents",
        DocumentType.Passport => "Passport",
        DocumentType.ForeignPermanentResidentCard => "Foreign permanent resident ID card",
        DocumentType.None => "No document",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown document type"),
    };

    /// <summary>Whether <paramref name="type"/> is one of the defined wire codes (an int from JSON may be anything).</summary>
    public static bool IsDefined(this DocumentType type) => Enum.IsDefined(type);
}
