using Hub.Server.Problems;

namespace Hub.Server.Catalog;

/// <summary>Resource catalog errors (HUB-RES-0001 …): metadata, review, pushes, procurement, vendors, search.</summary>
public static class ResourceErrors
{
    public static readonly ErrorDefinition SourceIdInvalid = new("HUB-RES-0001", 400,
        "资源标识 sourceId 须为 1–128 个字符，不含控制字符", "sourceId must be 1–128 characters without control characters");
    public static readonly ErrorDefinition VersionInvalid = new("HUB-RES-0002", 400,
        "版本号 version 须为正整数", "version must be a positive integer");
    public static readonly ErrorDefinition TitleInvalid = new("HUB-RES-0003", 400,
        "题名必填，1–200 个字符，不含控制字符", "The title is required: 1–200 characters without control characters");
    public static readonly ErrorDefinition DescriptionInvalid = new("HUB-RES-0004", 400,
        "描述不超过 2000 个字符", "The description is at most 2000 characters");
    public static readonly ErrorDefinition KeywordsInvalid = new("HUB-RES-0005", 400,
        "关键词最多 20 个，各 1–50 个字符，不重复", "At most 20 distinct keywords of 1–50 characters");
    public static readonly ErrorDefinition SubjectUnknown = new("HUB-RES-0006", 400,
        "学科代码不在学科代码表中", "subject is not a code of the subject list");
    public static readonly ErrorDefinition StageUnknown = new("HUB-RES-0007", 400,
        "学段代码不在学段代码表中", "stage is not a code of the stage list");
    public static readonly ErrorDefinition GradesInvalid = new("HUB-RES-0008", 400,
        "年级须为 1–12 的不重复整数", "grades must be distinct whole numbers 1–12");
    public static readonly ErrorDefinition TextbookInvalid = new("HUB-RES-0009", 400,
        "教材版本 1–50 个字符，册次不超过 50 个字符，章节 1–6 级、每级 1–100 个字符", "Textbook: edition 1–50 characters, volume at most 50, chapter 1–6 parts of 1–100 characters");
    public static readonly ErrorDefinition TypeUnknown = new("HUB-RES-0010", 400,
        "资源类型代码不在资源类型代码表中", "resourceType is not a code of the resource type list");
    public static readonly ErrorDefinition FormatInvalid = new("HUB-RES-0011", 400,
        "格式须为媒体类型，如 video/mp4", "format must be a media type such as video/mp4");
    public static readonly ErrorDefinition SizeInvalid = new("HUB-RES-0012", 400,
        "大小与时长不能为负数；微课与课堂实录须填写时长", "size and duration cannot be negative; micro-lectures and lesson recordings need a duration");
    public static readonly ErrorDefinition LanguageInvalid = new("HUB-RES-0013", 400,
        "语种须为 BCP 47 语言标记，如 zh-CN", "language must be a BCP 47 tag such as zh-CN");
    public static readonly ErrorDefinition LicenceInvalid = new("HUB-RES-0014", 400,
        "使用许可须为 free、paid（须填价格）或 procured（须填购买方区划）", "licence must be free, paid (with a price) or procured (with the procuring region)");
    public static readonly ErrorDefinition ProviderInvalid = new("HUB-RES-0015", 400,
        "提供方名称 1–100 个字符；提供方平台须为提交方本身", "The provider name is 1–100 characters and the provider platform is the sender itself");
    public static readonly ErrorDefinition OriginInvalid = new("HUB-RES-0016", 400,
        "来源层级与区划不符，或不在您的管辖范围内（学校须为该区县的已登记学校）", "The origin level and region do not fit, or are outside your jurisdiction (a school must be registered in that county)");
    public static readonly ErrorDefinition LocationInvalid = new("HUB-RES-0017", 400,
        "访问地址须为 https 地址，不超过 2000 个字符", "location.url must be an https URL of at most 2000 characters");
    public static readonly ErrorDefinition ChecksumInvalid = new("HUB-RES-0018", 400,
        "摘要须为 sha256 与 64 位小写十六进制", "checksum must be sha256 with 64 lower-case hex digits");
    public static readonly ErrorDefinition DecisionInvalid = new("HUB-RES-0020", 400,
        "审核结论须为 approve 或 reject；不予通过须写明理由（1–10 条，每条 1–500 个字符）", "decision must be approve or reject; a rejection needs 1–10 reasons of 1–500 characters");
    public static readonly ErrorDefinition NotPending = new("HUB-RES-0021", 409,
        "该资源不在待审核状态", "The resource is not waiting for review");
    public static readonly ErrorDefinition WrongLevel = new("HUB-RES-0022", 403,
        "资源由其来源层级审核：请由来源区划的审核人员处理", "A resource is reviewed at its origin level, by reviewers of its origin region");
    public static readonly ErrorDefinition NotApproved = new("HUB-RES-0023", 409,
        "只有审核通过的资源可以推送、选用或采购", "Only approved resources can be pushed, selected or procured");
    public static readonly ErrorDefinition PushTargetInvalid = new("HUB-RES-0024", 400,
        "推送对象须为您管辖范围内的区划、学校（班级）或人员，角色为 0–4", "The push target must be a region, school (class) or person inside your jurisdiction; roles 0–4");
    public static readonly ErrorDefinition RatingInvalid = new("HUB-RES-0025", 400,
        "评分须为 1–5 的整数", "rating must be a whole number 1–5");
    public static readonly ErrorDefinition ProcurementInvalid = new("HUB-RES-0026", 400,
        "采购须指定您管辖范围内的区划或学校、经费来源（special_fund 或 per_student_fund）、金额与有效期", "A procurement needs a region or school inside your jurisdiction, a fund source (special_fund or per_student_fund), an amount and a period");
    public static readonly ErrorDefinition NotForProcurement = new("HUB-RES-0027", 409,
        "免费资源无需采购；厂商资源须来自已准入的厂商", "Free resources need no procurement; a vendor's resource must come from an admitted vendor");
    public static readonly ErrorDefinition VendorApplicationInvalid = new("HUB-RES-0028", 400,
        "准入申请须填写厂商名称、18 位统一社会信用代码、申请区划与评估结果（机构、日期、结论、分数 0–100）", "An admission application needs the vendor name, the 18-character credit code, the region and the evaluation (body, date, conclusion, score 0–100)");
    public static readonly ErrorDefinition VendorNotAdmitted = new("HUB-RES-0029", 403,
        "厂商尚未在该区划获得准入", "The vendor is not admitted in that region");
    public static readonly ErrorDefinition QueryInvalid = new("HUB-RES-0030", 400,
        "检索词不超过 100 个字符，且须含可检索的文字", "The search text is at most 100 characters and must contain a searchable character");
    public static readonly ErrorDefinition FilterInvalid = new("HUB-RES-0031", 400,
        "筛选条件无效", "Invalid filter value");
    public static readonly ErrorDefinition CursorInvalid = new("HUB-RES-0032", 400,
        "分页游标无效或每页条数不在 1–100 之间", "Invalid paging cursor, or limit outside 1–100");
    public static readonly ErrorDefinition ReasonInvalid = new("HUB-RES-0033", 400,
        "撤下须写明理由（1–500 个字符）", "A withdrawal needs a reason of 1–500 characters");
    public static readonly ErrorDefinition SelectionInvalid = new("HUB-RES-0034", 400,
        "选用须指定您管辖范围内的区划或学校（学校账号只能为本校选用）", "A selection needs a region or school inside your jurisdiction (a school account selects for its own school)");
    public static readonly ErrorDefinition VendorDecided = new("HUB-RES-0035", 409,
        "该准入申请已处理", "The admission application has been decided");
}
