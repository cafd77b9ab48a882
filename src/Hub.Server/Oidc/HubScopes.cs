namespace Hub.Server.Oidc;

/// <summary>
/// Scopes the hub issues. Identity scopes decide which person claims a client receives (minimal disclosure);
/// API scopes decide which REST operations a client may call. The scope → claims table is in specs/auth.
/// </summary>
public static class HubScopes
{
    // Identity scopes
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string RealName = "realname";
    public const string IdentityDocument = "identity_document";
    public const string Organization = "org";
    public const string Region = "region";
    public const string Guardian = "guardian";
    public const string HubId = "hub_id";
    public const string OfflineAccess = "offline_access";

    /// <summary>The person's own learning space (messages, files, export), for an app the person signed in to.</summary>
    public const string Space = "space";

    // API scopes
    public const string PeopleRead = "people:read";
    public const string PeopleWrite = "people:write";

    /// <summary>Reading full document numbers through the API (each read audited with a purpose).</summary>
    public const string PeopleDocumentRead = "people:document";

    // Jurisdiction tree, access (接入) and the pilot application. Operators' console accounts hold the same names
    // as permissions, so one check serves a token and a console session alike.
    public const string OrganizationsRead = "orgs:read";
    public const string OrganizationsWrite = "orgs:write";
    public const string OperatorsManage = "operators:manage";
    public const string PlatformsApply = "platforms:apply";
    public const string PlatformsReview = "platforms:review";
    public const string AppsManage = "apps:manage";
    public const string AppsReview = "apps:review";
    public const string PilotApply = "pilot:apply";
    public const string PilotReview = "pilot:review";
    public const string PilotDecide = "pilot:decide";

    /// <summary>A platform registering its own upstream OpenID provider for federated login.</summary>
    public const string FederationManage = "federation:manage";

    /// <summary>Operating the data exchange: held removals, dead letters, snapshot and reconciliation requests.</summary>
    public const string ExchangeManage = "exchange:manage";

    // Technical support (技术支持): schools file requests, support staff and experts handle them, admins configure
    // teams and experts and read the statistics of their subtree.
    public const string SupportRequest = "support:request";
    public const string SupportHandle = "support:handle";
    public const string SupportManage = "support:manage";

    /// <summary>Sending announcements to the people of one's jurisdiction (their learning spaces).</summary>
    public const string SpaceAnnounce = "space:announce";

    // Resources (资源汇聚与应用): reading the catalog, submitting and withdrawing one's own resources, content review and
    // vendor admission, pushes into spaces, procurement and selection, and the usage store's queries.
    public const string ResourcesRead = "resources:read";
    public const string ResourcesWrite = "resources:write";
    public const string ResourcesReview = "resources:review";
    public const string ResourcesPush = "resources:push";
    public const string ResourcesProcure = "resources:procure";
    public const string UsageRead = "usage:read";

    public static readonly string[] Identity = [OpenId, Profile, RealName, IdentityDocument, Organization, Region, Guardian, HubId, OfflineAccess, Space];
    public static readonly string[] Api = [PeopleRead, PeopleWrite, PeopleDocumentRead, OrganizationsRead, OrganizationsWrite,
        OperatorsManage, PlatformsApply, PlatformsReview, AppsManage, AppsReview, PilotApply, PilotReview, PilotDecide, FederationManage, ExchangeManage,
        SupportRequest, SupportHandle, SupportManage, SpaceAnnounce, ResourcesRead, ResourcesWrite, ResourcesReview, ResourcesPush, ResourcesProcure,
        UsageRead];

    /// <summary>What each API scope permits: published in the OpenAPI document's security scheme (specs/api).</summary>
    public static readonly IReadOnlyDictionary<string, string> ApiDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PeopleRead] = "读取管辖范围内的实名用户 / Read people in your jurisdiction",
        [PeopleWrite] = "登记与维护实名用户 / Register and maintain people",
        [PeopleDocumentRead] = "读取完整证件号码（每次审计）/ Read full document numbers (each read audited)",
        [OrganizationsRead] = "读取机构与学校 / Read bureaus and schools",
        [OrganizationsWrite] = "登记与维护机构与学校 / Register and maintain bureaus and schools",
        [OperatorsManage] = "管理下级管理员账号 / Manage admin accounts of your subtree",
        [PlatformsApply] = "提交平台接入申请 / Apply for platform access",
        [PlatformsReview] = "审核、暂停、恢复平台接入 / Review, suspend and resume platform access",
        [AppsManage] = "厂商登记应用并申请选用 / Vendors register apps and apply for regions",
        [AppsReview] = "审核应用的地区选用 / Review apps' region applications",
        [PilotApply] = "填报体系试点申报 / Fill in and submit pilot applications",
        [PilotReview] = "专家评审试点申报 / Score pilot applications as an expert",
        [PilotDecide] = "审定与公布试点 / Decide and publish pilot applications",
        [FederationManage] = "平台管理本平台的上游身份提供方 / A platform manages its upstream OpenID provider",
        [ExchangeManage] = "运维数据交换：待确认的删除、死信、快照与对账请求，连接监测与告警 / Operate the exchange: held removals, dead letters, snapshot and reconciliation requests, connection health and alerts",
        [SupportRequest] = "学校提交技术支持请求 / Schools file support requests",
        [SupportHandle] = "技术支持人员与专家处理请求 / Support staff and experts handle requests",
        [SupportManage] = "配置支持团队与专家，查看管辖范围内的统计 / Configure teams and experts, read the statistics of your subtree",
        [SpaceAnnounce] = "向管辖范围内人员的学习空间发送通知 / Send announcements to the learning spaces of your jurisdiction",
        [ResourcesRead] = "检索资源目录 / Search the resource catalog",
        [ResourcesWrite] = "提交、更新与撤回本方的资源 / Submit, update and withdraw your own resources",
        [ResourcesReview] = "在本层级审核资源内容 / Review resources submitted at your level",
        [ResourcesPush] = "向管辖范围内的地区、学校或人员推送资源 / Push resources to regions, schools or people of your jurisdiction",
        [ResourcesProcure] = "登记付费资源的采购与选用 / Record procurements and selections of paid resources",
        [UsageRead] = "读取管辖范围内的资源应用统计 / Read resource usage statistics of your jurisdiction",
    };
}

/// <summary>Claim types the hub adds to tokens.</summary>
public static class HubClaims
{
    public const string ClientKind = "hub_kind";
    public const string RegionCode = "hub_region";
    public const string Level = "hub_level";
    public const string HubId = "hub_id";
    public const string RealName = "real_name";
    public const string VerificationLevel = "verification_level";
    public const string DocumentType = "document_type";
    public const string DocumentNumberMasked = "document_number_masked";
    public const string Roles = "roles";
    public const string Affiliations = "affiliations";
    public const string RegionCodes = "region_codes";
    public const string GuardianOf = "guardian_of";

    /// <summary>Private: the person behind a code or refresh token; never written into a token anyone can read.</summary>
    public const string Person = "hub_person";
}

/// <summary>The audience of hub API access tokens.</summary>
public static class HubResources
{
    public const string Api = "hub-api";
}
