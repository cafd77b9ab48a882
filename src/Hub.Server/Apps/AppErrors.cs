using Hub.Server.Problems;

namespace Hub.Server.Apps;

/// <summary>Vendor app errors (HUB-APP-0001 …).</summary>
public static class AppErrors
{
    public static readonly ErrorDefinition NameInvalid = new("HUB-APP-0001", 400,
        "应用名称必填，1–100 个字符，不含控制字符", "The app name is required: 1–100 characters without control characters");
    public static readonly ErrorDefinition CategoryInvalid = new("HUB-APP-0002", 400,
        "应用类别须为：备课授课、互动课堂、协作互动、网络课程、网络教研、作业测评、数字图书馆、语言学习",
        "The category must be one of: 备课授课, 互动课堂, 协作互动, 网络课程, 网络教研, 作业测评, 数字图书馆, 语言学习 (or its code)");
    public static readonly ErrorDefinition DescriptionInvalid = new("HUB-APP-0003", 400,
        "应用简介不超过 1000 个字符，除换行外不含控制字符", "The description is at most 1000 characters, without control characters other than line breaks");
    public static readonly ErrorDefinition RedirectUriInvalid = new("HUB-APP-0004", 400,
        "回调地址须为完整的 https 地址（不超过 2000 个字符，不含 # 片段和用户信息）",
        "A redirect URI must be an absolute https URI (at most 2000 characters, no fragment, no user info)");
    public static readonly ErrorDefinition RedirectUriCount = new("HUB-APP-0005", 400,
        "回调地址数量不符（登录回调 1–10 个，退出回调 0–10 个，不得重复）",
        "Wrong number of redirect URIs (1–10 sign-in, 0–10 post-logout, no duplicates)");
    public static readonly ErrorDefinition ScopesInvalid = new("HUB-APP-0006", 400,
        "申请的范围须为身份类 scope，且必须包含 openid", "Scopes must be identity scopes and include openid");
    public static readonly ErrorDefinition ContactNameInvalid = new("HUB-APP-0007", 400,
        "联系人姓名必填，1–50 个字符", "The contact name is required: 1–50 characters");
    public static readonly ErrorDefinition ContactEmailInvalid = new("HUB-APP-0008", 400,
        "联系人电子邮箱格式不正确", "The contact e-mail address is not valid");
    public static readonly ErrorDefinition ContactPhoneInvalid = new("HUB-APP-0009", 400,
        "联系电话格式不正确（5–20 位数字，可含 +、空格和 -）", "The contact phone is not valid (5–20 digits; +, spaces and - allowed)");
    public static readonly ErrorDefinition RegionInvalid = new("HUB-APP-0010", 400,
        "地区代码不是现行有效的 GB/T 2260 代码", "The region code is not a current GB/T 2260 code");
    public static readonly ErrorDefinition AlreadyApplied = new("HUB-APP-0011", 409,
        "该应用在此地区已有待审核或已通过的申请", "The app already has a pending or approved application for this region");
    public static readonly ErrorDefinition CoveredByAncestor = new("HUB-APP-0012", 409,
        "上级地区已选用该应用，下级地区无需重复申请", "A region above has already selected the app; the region needs no application of its own");
    public static readonly ErrorDefinition ReviewedFieldsFixed = new("HUB-APP-0013", 409,
        "应用在审核中或已通过时不能修改名称、类别、回调地址和申请范围（请撤回申请后修改；已上线的应用请登记新应用）",
        "Name, category, redirect URIs and scopes cannot change while an application is pending or once the app is live (withdraw first; register a new app once live)");
    public static readonly ErrorDefinition ReasonsRequired = new("HUB-APP-0014", 400,
        "不予通过时须填写理由（1–500 个字符）", "A rejection needs reasons (1–500 characters)");
    public static readonly ErrorDefinition NotesInvalid = new("HUB-APP-0015", 400,
        "说明过长或含有控制字符（申请说明不超过 500 个字符，测试情况不超过 1000 个字符）",
        "Notes too long or with control characters (application note at most 500, test notes at most 1000 characters)");
    public static readonly ErrorDefinition NotOpen = new("HUB-APP-0016", 409,
        "该申请已处理或已撤回，不能再执行此操作", "The application has already been decided or withdrawn");
    public static readonly ErrorDefinition NotLive = new("HUB-APP-0017", 409,
        "应用尚未获得任何地区审核通过，还没有客户端凭据", "No region has approved the app yet, so it has no client credentials");
}
