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

    // Access (接入): HUB-PLT-0020 …
    public static readonly ErrorDefinition JwksInvalid = new("HUB-PLT-0020", 400,
        "JWKS 须为合法的 JSON Web Key Set（不超过 10 个密钥，16 KB 以内）", "The JWKS must be a valid JSON Web Key Set (at most 10 keys, 16 KB)");
    public static readonly ErrorDefinition JwksPrivateKey = new("HUB-PLT-0021", 400,
        "JWKS 只能包含公钥，不得包含私钥或对称密钥", "The JWKS must hold public keys only, no private or symmetric key material");
    public static readonly ErrorDefinition JwksNoSigningKey = new("HUB-PLT-0022", 400,
        "JWKS 须至少包含一个 EC P-256 或 2048 位以上 RSA 签名公钥", "The JWKS must hold at least one EC P-256 or RSA (2048 bits or more) signing key");
    public static readonly ErrorDefinition JwksRequired = new("HUB-PLT-0023", 400,
        "须提供平台的 JWKS（平台以 private_key_jwt 认证）", "The platform's JWKS is required (platforms authenticate with private_key_jwt)");
    public static readonly ErrorDefinition RegionInvalid = new("HUB-PLT-0024", 400,
        "地区代码不是现行有效的 GB/T 2260 代码", "The region code is not a current GB/T 2260 code");
    public static readonly ErrorDefinition RegionOutsideJurisdiction = new("HUB-PLT-0025", 400,
        "地区不在您的管辖范围内", "The region is outside your jurisdiction");
    public static readonly ErrorDefinition RegionLevelMismatch = new("HUB-PLT-0026", 400,
        "地区级别与平台服务范围不符（省级 xx0000、地市级 xxxx00、区县级）", "The region's level does not fit the service scope (province xx0000, city xxxx00, county)");
    public static readonly ErrorDefinition TransitionNotAllowed = new("HUB-PLT-0027", 409,
        "当前状态下不允许此操作", "This action is not allowed in the application's current status");
    public static readonly ErrorDefinition ReasonsInvalid = new("HUB-PLT-0028", 400,
        "须填写理由（1–500 个字符，不含控制字符）", "Reasons are required: 1–500 characters without control characters");
    public static readonly ErrorDefinition ProvisioningFailed = new("HUB-PLT-0029", 503,
        "凭据签发失败，申请状态未变，请稍后重试", "Issuing or changing the credentials failed; the application is unchanged, retry later");
    public static readonly ErrorDefinition StatusFilterInvalid = new("HUB-PLT-0030", 400,
        "状态筛选值无效", "Unknown status filter");
    public static readonly ErrorDefinition StaleVersion = new("HUB-PLT-0031", 409,
        "该申请已被他人修改，请刷新后重试", "The application was changed by someone else; reload and retry");
}
