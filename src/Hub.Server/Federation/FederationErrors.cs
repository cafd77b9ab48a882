using Hub.Server.Problems;

namespace Hub.Server.Federation;

/// <summary>Federated login errors (HUB-FED-*): registering a platform's upstream OpenID provider.</summary>
public static class FederationErrors
{
    public static readonly ErrorDefinition IssuerInvalid = new("HUB-FED-0001", 400,
        "发行者须为绝对 https 地址，不含查询串、片段和用户信息，最长 500 个字符",
        "The issuer must be an absolute https URL without query, fragment or user info, at most 500 characters");
    public static readonly ErrorDefinition ClientIdInvalid = new("HUB-FED-0002", 400,
        "客户端标识必填：1–200 个可见 ASCII 字符，不含空格", "The client id is required: 1–200 visible ASCII characters, no spaces");
    public static readonly ErrorDefinition ClientSecretInvalid = new("HUB-FED-0003", 400,
        "客户端密钥必填：16–512 个可见 ASCII 字符", "The client secret is required: 16–512 visible ASCII characters");
    public static readonly ErrorDefinition DisplayNameInvalid = new("HUB-FED-0004", 400,
        "显示名称必填：中文、英文各 1–50 个字符，不含控制字符", "The display name is required in Chinese and English: 1–50 characters each, no control characters");
    public static readonly ErrorDefinition DiscoveryUnreachable = new("HUB-FED-0005", 400,
        "无法获取上游的发现文档（/.well-known/openid-configuration），或其内容不是有效的 OpenID 提供方元数据",
        "The upstream's discovery document (/.well-known/openid-configuration) could not be fetched or is not valid OpenID provider metadata");
    public static readonly ErrorDefinition IssuerMismatch = new("HUB-FED-0006", 400,
        "上游发现文档中的 issuer 与所填发行者不一致", "The issuer in the upstream's discovery document differs from the issuer given");
    public static readonly ErrorDefinition PlatformsOnly = new("HUB-FED-0007", 403,
        "只有已接入的平台可以管理其上游身份提供方", "Only a connected platform can manage its upstream identity provider");
}

/// <summary>Field limits of an upstream provider registration (also the column sizes).</summary>
public static class UpstreamLimits
{
    public const int IssuerLength = 500;
    public const int ClientIdLength = 200;
    public const int ClientSecretMinLength = 16;
    public const int ClientSecretMaxLength = 512;
    public const int DisplayNameLength = 50;
}
