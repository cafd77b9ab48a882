using Hub.Server.Problems;

namespace Hub.Server.Pilot;

/// <summary>Pilot application errors (HUB-PIL-0001 …). Fields of the embedded forms keep their HUB-PLT codes.</summary>
public static class PilotErrors
{
    public static readonly ErrorDefinition PlatformCount = new("HUB-PIL-0001", 400,
        "至少申报 1 个平台，最多 20 个", "Apply with at least 1 and at most 20 platforms");
    public static readonly ErrorDefinition RegionCount = new("HUB-PIL-0002", 400,
        "每个平台须选择 1–3 个应用试点地区", "Each platform needs 1–3 pilot regions");
    public static readonly ErrorDefinition RegionInvalid = new("HUB-PIL-0003", 400,
        "试点地区须为现行有效的地市或区县 GB/T 2260 代码", "A pilot region must be a current GB/T 2260 city or county code");
    public static readonly ErrorDefinition RegionOutside = new("HUB-PIL-0004", 400,
        "试点地区须在平台服务范围和本申报单位辖区内", "A pilot region must lie inside the platform's service area and the applicant's jurisdiction");
    public static readonly ErrorDefinition RegionDuplicate = new("HUB-PIL-0005", 400,
        "同一平台的试点地区不能重复", "A platform lists the same pilot region twice");
    public static readonly ErrorDefinition ServiceRegionInvalid = new("HUB-PIL-0006", 400,
        "平台服务区域须为本辖区内与平台服务范围同级的现行地区代码", "The service region must be a current code inside your jurisdiction at the level of the service scope");
    public static readonly ErrorDefinition SchoolUnknown = new("HUB-PIL-0007", 400,
        "学校标识码无效或该校未在枢纽登记", "The school code is invalid or the school is not registered at the hub");
    public static readonly ErrorDefinition SchoolOutsideRegion = new("HUB-PIL-0008", 400,
        "该学校不在此试点地区内", "The school is not inside this pilot region");
    public static readonly ErrorDefinition SchoolClosed = new("HUB-PIL-0009", 400,
        "该学校已撤销", "The school is closed");
    public static readonly ErrorDefinition SchoolDuplicate = new("HUB-PIL-0010", 400,
        "试点学校名单中有重复", "The school is listed twice");
    public static readonly ErrorDefinition CoverageTooLow = new("HUB-PIL-0011", 400,
        "试点学校不足该地区中小学的 85%", "Pilot schools are fewer than 85% of the region's primary and secondary schools");
    public static readonly ErrorDefinition SchoolListInvalid = new("HUB-PIL-0012", 400,
        "试点学校名单须有 1–10000 所学校", "The pilot school list needs 1–10000 schools");
    public static readonly ErrorDefinition DeadlinePassed = new("HUB-PIL-0013", 409,
        "申报已截止", "The submission deadline has passed");
    public static readonly ErrorDefinition WrongStatus = new("HUB-PIL-0014", 409,
        "申报当前状态不允许此操作", "The application's status does not allow this action");
    public static readonly ErrorDefinition StaleVersion = new("HUB-PIL-0015", 409,
        "申报已被他人修改，请刷新后重试", "The application was changed by someone else; reload and retry");
    public static readonly ErrorDefinition ScoreInvalid = new("HUB-PIL-0016", 400,
        "每项指标须评分，分值在 0 到该项满分之间，最多一位小数", "Score every indicator between 0 and its maximum, with at most one decimal");
    public static readonly ErrorDefinition OpinionInvalid = new("HUB-PIL-0017", 400,
        "评审意见必填，不超过 2000 字", "The opinion is required, at most 2000 characters");
    public static readonly ErrorDefinition ReasonInvalid = new("HUB-PIL-0018", 400,
        "审定须说明理由（不超过 2000 字），驳回时必填", "Give the reason (at most 2000 characters); required when rejecting");
    public static readonly ErrorDefinition ApplicantLevel = new("HUB-PIL-0019", 403,
        "只有省级电教部门或原试点地市、区县可以申报", "Only a provincial department or an earlier pilot city or county can apply");
    public static readonly ErrorDefinition NationalOnly = new("HUB-PIL-0020", 403,
        "评审和审定须由国家级（中央电教馆）账号进行", "Review and decisions are for national (centre) accounts only");
    public static readonly ErrorDefinition ExportInvalid = new("HUB-PIL-0021", 400,
        "导出参数无效（format 为 csv 或 xlsx，平台和地区序号须存在）", "Invalid export parameters (format csv or xlsx; the platform and region must exist)");
    public static readonly ErrorDefinition DraftTooLarge = new("HUB-PIL-0022", 400,
        "草稿超出上限（平台 20 个、每平台地区 10 个、每地区学校 10000 所）", "The draft is too large (20 platforms, 10 regions per platform, 10000 schools per region)");
    public static readonly ErrorDefinition NoSummary = new("HUB-PIL-0023", 400,
        "直接申报没有省级汇总表（附件 4）", "A direct application has no provincial summary (attachment 4)");
    public static readonly ErrorDefinition OnboardingRefused = new("HUB-PIL-0024", 409,
        "试点平台无法进入平台接入流程（服务地区代码已失效或与服务范围不符），申报未批准", "A platform cannot enter platform access (its service region is no longer current or does not fit its scope); the application was not approved");
}
