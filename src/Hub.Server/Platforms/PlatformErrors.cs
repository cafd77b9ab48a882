using Hub.Server.Problems;

namespace Hub.Server.Platforms;

/// <summary>Platform form and access errors (HUB-PLT-0001 …; 0001–0019 are the fields of attachment 2).</summary>
public static class PlatformErrors
{
    public static readonly ErrorDefinition TextInvalid = new("HUB-PLT-0001", 400,
        "必填，长度不超过上限且不含控制字符", "Required, within the length limit and without control characters");
    public static readonly ErrorDefinition PostcodeInvalid = new("HUB-PLT-0002", 400,
        "邮编须为 6 位数字", "The postcode must be 6 digits");
    public static readonly ErrorDefinition PhoneInvalid = new("HUB-PLT-0003", 400,
        "电话须为手机号（11 位）或带区号的固定电话（如 010-12345678）", "The phone must be a mobile number (11 digits) or a landline with area code (e.g. 010-12345678)");
    public static readonly ErrorDefinition EmailInvalid = new("HUB-PLT-0004", 400,
        "电子邮箱格式不正确", "The e-mail address is not valid");
    public static readonly ErrorDefinition UrlInvalid = new("HUB-PLT-0005", 400,
        "平台网址须为以 http:// 或 https:// 开头的完整地址（不超过 500 字符）", "The URL must be an absolute http:// or https:// address (at most 500 characters)");
    public static readonly ErrorDefinition CountInvalid = new("HUB-PLT-0006", 400,
        "数量须为不超过上限的非负整数", "Counts must be non-negative whole numbers within the limit");
    public static readonly ErrorDefinition ServiceScopeInvalid = new("HUB-PLT-0007", 400,
        "平台服务范围须为省级（province）、地市级（city）或区县级（county）", "The service scope must be province, city or county");
    public static readonly ErrorDefinition DevelopmentModeInvalid = new("HUB-PLT-0008", 400,
        "开发方式须为企业开发（enterprise）、租用服务（leased）或其他（other，须说明）", "The development mode must be enterprise, leased or other (with a description)");
    public static readonly ErrorDefinition SecurityLevelInvalid = new("HUB-PLT-0009", 400,
        "安全保护等级须为一级、二级或三级等保（1–3）", "The security protection level must be 1, 2 or 3");
    public static readonly ErrorDefinition AmountInvalid = new("HUB-PLT-0010", 400,
        "金额或容量须为不超过上限的非负数，最多两位小数", "Amounts must be non-negative, within the limit, with at most two decimals");
    public static readonly ErrorDefinition DataCentreTypesInvalid = new("HUB-PLT-0011", 400,
        "数据中心建设方式至少选一项：托管机房（hosted）、自有机房（own）、公有云（publicCloud）", "Choose at least one data-centre type: hosted, own, publicCloud");
    public static readonly ErrorDefinition EgressInvalid = new("HUB-PLT-0012", 400,
        "互联网出口带宽至少填写一家运营商，每项为 1–1000000 Mbps", "Give egress bandwidth for at least one carrier, each 1–1000000 Mbps");
}
