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
