using Hub.Server.Problems;

namespace Hub.Server.Identity;

/// <summary>
/// Identity document, student number and name errors (HUB-ID-0001 … HUB-ID-0049; 0050 and up belong to the
/// person registry). Validators return these so the API layer can attach them to the field it was validating.
/// </summary>
public static class IdentityErrors
{
    // Documents in general: 0001–0009.
    public static readonly ErrorDefinition DocumentTypeUnsupported = new("HUB-ID-0001", 400,
        "不支持的证件类型", "Unsupported identity document type");
    public static readonly ErrorDefinition DocumentNumberRequired = new("HUB-ID-0002", 400,
        "证件号码不能为空", "The document number is required");
    public static readonly ErrorDefinition DocumentNumberNotExpected = new("HUB-ID-0003", 400,
        "证件类型为“暂无证件”时不应填写证件号码", "No document number may be given when the document type is None");
    public static readonly ErrorDefinition ChecksumMismatch = new("HUB-ID-0004", 400,
        "号码校验码不符，请核对是否录入有误", "The check character does not match; the number was probably mistyped");
    public static readonly ErrorDefinition BirthDateImplausible = new("HUB-ID-0005", 400,
        "号码中的出生日期无效：须为真实日期，且不早于 1900-01-01、不晚于今天",
        "The birth date in the number is invalid: it must be a real date from 1900-01-01 up to today");
    public static readonly ErrorDefinition RegionUnknown = new("HUB-ID-0006", 400,
        "号码中的行政区划代码（前 6 位）不存在", "The region code (first 6 digits) of the number does not exist");

    // Formats of each document type: 0010–0019.
    public static readonly ErrorDefinition ResidentIdFormat = new("HUB-ID-0010", 400,
        "居民身份证号码应为 18 位：17 位数字加 1 位校验码（数字或 X）",
        "A resident ID number has 18 characters: 17 digits and a check character (digit or X)");
    public static readonly ErrorDefinition HongKongMacaoPermitFormat = new("HUB-ID-0011", 400,
        "港澳居民来往内地通行证号码应为 H 或 M 加 8 位数字（或加 10 位数字）",
        "A Hong Kong/Macao permit number is H or M followed by 8 digits (or 10 digits)");
    public static readonly ErrorDefinition TaiwanPermitFormat = new("HUB-ID-0012", 400,
        "台湾居民来往大陆通行证号码应为 8 位数字（旧证 10 位数字，可带括号内的签发机关代码）",
        "A Taiwan permit number has 8 digits (older permits: 10 digits, optionally with an issuing office code in brackets)");
    public static readonly ErrorDefinition PassportFormat = new("HUB-ID-0013", 400,
        "护照号码应为 5 至 17 位字母或数字", "A passport number has 5 to 17 letters or digits");
    public static readonly ErrorDefinition ForeignPermanentResidentCardFormat = new("HUB-ID-0014", 400,
        "外国人永久居留身份证号码应为 18 位（以 9 开头，17 位数字加校验码）或旧版 15 位（3 位字母加 12 位数字）",
        "A foreign permanent resident ID has 18 characters (9, then 16 digits and a check character) or, on older cards, 3 letters and 12 digits");

    // Student numbers: 0020–0029.
    public static readonly ErrorDefinition StudentNumberRequired = new("HUB-ID-0020", 400,
        "学籍号不能为空", "The student number is required");
    public static readonly ErrorDefinition StudentNumberFormat = new("HUB-ID-0021", 400,
        "学籍号应为 19 位：G 或 J 加 18 位身份证号码，或 L 加 6 位行政区划代码、8 位出生日期和 4 位数字",
        "A student number has 19 characters: G or J and an 18-character ID number, or L, a 6-digit region code, an 8-digit birth date and 4 digits");
    public static readonly ErrorDefinition StudentNumberEmbeddedIdInvalid = new("HUB-ID-0022", 400,
        "学籍号中的身份证号码部分无效", "The ID number inside the student number is invalid");

    // Person names: 0030–0039.
    public static readonly ErrorDefinition NameRequired = new("HUB-ID-0030", 400,
        "姓名不能为空", "The name is required");
    public static readonly ErrorDefinition NameTooLong = new("HUB-ID-0031", 400,
        "姓名不能超过 50 个字符", "The name may have at most 50 characters");
    public static readonly ErrorDefinition NameInvalidCharacters = new("HUB-ID-0032", 400,
        "姓名只能包含汉字和间隔号“·”，或拉丁字母、空格、连字符、撇号和点",
        "A name may contain Chinese characters and the middle dot, or Latin letters, spaces, hyphens, apostrophes and dots");
    public static readonly ErrorDefinition NameMisplacedSeparator = new("HUB-ID-0033", 400,
        "姓名不能以间隔号或连字符开头或结尾，也不能连续出现间隔符号",
        "A name may not start or end with a middle dot or hyphen, nor have two separators in a row");
    public static readonly ErrorDefinition NameMixedScripts = new("HUB-ID-0034", 400,
        "姓名不能混用汉字和拉丁字母", "A name may not mix Chinese characters and Latin letters");
}
