using Hub.Server.Problems;

namespace Hub.Server.Support;

/// <summary>Technical support errors (HUB-SUP-0001 …).</summary>
public static class SupportErrors
{
    public static readonly ErrorDefinition SchoolInvalid = new("HUB-SUP-0001", 400,
        "学校须为您管辖范围内在用的已登记学校（学校账号只能为本校提交）", "The school must be an active registered school you act for (a school account files for its own school only)");
    public static readonly ErrorDefinition KindInvalid = new("HUB-SUP-0002", 400,
        "请求类型须为 equipment_fault、network、platform_access、guidance、training 之一", "kind must be one of equipment_fault, network, platform_access, guidance, training");
    public static readonly ErrorDefinition UrgencyInvalid = new("HUB-SUP-0003", 400,
        "紧急程度须为 low、normal、high、critical 之一", "urgency must be one of low, normal, high, critical");
    public static readonly ErrorDefinition TitleInvalid = new("HUB-SUP-0004", 400,
        "标题必填，1–100 个字符，不含控制字符", "The title is required: 1–100 characters without control characters");
    public static readonly ErrorDefinition DescriptionInvalid = new("HUB-SUP-0005", 400,
        "问题描述必填，1–4000 个字符", "The description is required: 1–4000 characters");
    public static readonly ErrorDefinition SubjectInvalid = new("HUB-SUP-0006", 400,
        "应用指导须填写学科（见学科代码表）", "Guidance requests need a subject from the subject list");
    public static readonly ErrorDefinition StageInvalid = new("HUB-SUP-0007", 400,
        "学段须为 preschool、primary、junior、senior、vocational、special 之一（应用指导必填）", "stage must be one of preschool, primary, junior, senior, vocational, special (required for guidance)");
    public static readonly ErrorDefinition DeviceInvalid = new("HUB-SUP-0008", 400,
        "设备不在该校的设备台账中（或已报废）", "The device is not in the school's equipment register (or is retired)");
    public static readonly ErrorDefinition ClassroomInvalid = new("HUB-SUP-0009", 400,
        "教室名称须为 1–64 个字符", "The classroom must be 1–64 characters");
    public static readonly ErrorDefinition NoteRequired = new("HUB-SUP-0010", 400,
        "此操作须填写说明（1–2000 个字符）：提问、解决方案、重新打开或撤销的原因", "This action needs a note of 1–2000 characters: the question, the resolution, the reason to reopen or cancel");
    public static readonly ErrorDefinition TransitionNotAllowed = new("HUB-SUP-0011", 409,
        "请求的当前状态不允许此操作", "The request's current status does not allow this action");
    public static readonly ErrorDefinition StaleVersion = new("HUB-SUP-0012", 409,
        "该请求已被他人更新，请刷新后重试", "The request was changed by someone else; reload and retry");
    public static readonly ErrorDefinition NotYourSide = new("HUB-SUP-0013", 403,
        "您不能执行此操作（学校一方、受理团队成员或组长各有其操作）", "Not yours to take: the school, the assigned team's members and its leads each have their own actions");
    public static readonly ErrorDefinition CommentInvalid = new("HUB-SUP-0014", 400,
        "留言须为 1–2000 个字符（学校不能发内部备注）", "A comment must be 1–2000 characters (schools cannot write internal notes)");
    public static readonly ErrorDefinition RatingInvalid = new("HUB-SUP-0015", 400,
        "评分须为 1–5 的整数，附言不超过 2000 个字符", "The rating must be a whole number 1–5, the remark at most 2000 characters");
    public static readonly ErrorDefinition RatingNotAllowed = new("HUB-SUP-0016", 409,
        "只能对已关闭的请求评分一次", "Only a closed request can be rated, and only once");
    public static readonly ErrorDefinition AttachmentType = new("HUB-SUP-0017", 415,
        "附件须为 PNG、JPEG、GIF、PDF 或纯文本（按文件内容判断）", "Attachments must be PNG, JPEG, GIF, PDF or plain text (judged by content)");
    public static readonly ErrorDefinition AttachmentTooLarge = new("HUB-SUP-0018", 413,
        "附件为空或超过大小上限", "The attachment is empty or larger than the limit");
    public static readonly ErrorDefinition AttachmentCount = new("HUB-SUP-0019", 409,
        "该请求的附件数量已达上限", "The request already holds the maximum number of attachments");
    public static readonly ErrorDefinition FileNameInvalid = new("HUB-SUP-0020", 400,
        "文件名须为 1–200 个字符，不含路径与控制字符", "The file name must be 1–200 characters without paths or control characters");
    public static readonly ErrorDefinition AssignmentInvalid = new("HUB-SUP-0021", 400,
        "只能分派给学校所在地区链（区县、地市、省）中处理该类请求的团队、其成员或匹配的专家", "Assign only to a team of the school's region chain (county, city, province) that handles the kind, one of its members, or an expert");
    public static readonly ErrorDefinition TeamNameInvalid = new("HUB-SUP-0022", 400,
        "团队名称必填，1–100 个字符", "The team name is required: 1–100 characters");
    public static readonly ErrorDefinition TeamKindsInvalid = new("HUB-SUP-0023", 400,
        "团队处理的请求类型至少一项且均须有效", "A team handles at least one kind, each a valid kind");
    public static readonly ErrorDefinition TeamHoursInvalid = new("HUB-SUP-0024", 400,
        "工作时间须为星期 1–7 至少一天，开始与结束为 HH:mm（北京时间），开始早于结束（结束可为 24:00）", "Hours: days 1–7 (at least one), opens and closes as HH:mm China time, opens before closes (closes may be 24:00)");
    public static readonly ErrorDefinition RegionInvalid = new("HUB-SUP-0025", 400,
        "地区须为您管辖范围内现行有效的区县、地市或省级代码", "The region must be a current county, city or province code inside your jurisdiction");
    public static readonly ErrorDefinition PersonUnknown = new("HUB-SUP-0026", 400,
        "找不到该人员（须为在用的实名用户）", "No such person (an active registered person)");
    public static readonly ErrorDefinition ExpertSubjectsInvalid = new("HUB-SUP-0027", 400,
        "专家的学科至少一项且均须在学科代码表中", "An expert covers at least one subject, each from the subject list");
    public static readonly ErrorDefinition ExpertStagesInvalid = new("HUB-SUP-0028", 400,
        "专家的学段至少一项且均须有效", "An expert covers at least one stage, each a valid stage");
    public static readonly ErrorDefinition DeviceCategoryInvalid = new("HUB-SUP-0029", 400,
        "设备类别须为 classroom_multimedia、terminal、network_device、server、other 之一", "category must be one of classroom_multimedia, terminal, network_device, server, other");
    public static readonly ErrorDefinition DeviceTextInvalid = new("HUB-SUP-0030", 400,
        "设备名称、型号（1–100 个字符）与序列号（1–64 个字符）必填", "Device name and model (1–100 characters) and serial number (1–64) are required");
    public static readonly ErrorDefinition SerialTaken = new("HUB-SUP-0031", 409,
        "该校已登记此序列号的设备", "A device with this serial number is already registered at the school");
    public static readonly ErrorDefinition PeriodInvalid = new("HUB-SUP-0032", 400,
        "统计期间须为 from ≤ to 的日期（yyyy-MM-dd，北京时间），最长 366 天", "The period must be dates from ≤ to (yyyy-MM-dd, China time), at most 366 days");
    public static readonly ErrorDefinition FilterInvalid = new("HUB-SUP-0033", 400,
        "筛选条件无效", "Invalid filter value");
    public static readonly ErrorDefinition TeamInvalid = new("HUB-SUP-0034", 400,
        "团队不存在或不在您的管辖范围内", "No such team in your jurisdiction");
}
