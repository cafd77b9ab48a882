using Hub.Server.Problems;

namespace Hub.Server.Space;

/// <summary>Personal learning space errors (HUB-SPC-0001 …).</summary>
public static class SpaceErrors
{
    public static readonly ErrorDefinition TitleInvalid = new("HUB-SPC-0001", 400,
        "标题必填，1–100 个字符，不含控制字符", "The title is required: 1–100 characters without control characters");
    public static readonly ErrorDefinition BodyInvalid = new("HUB-SPC-0002", 400,
        "正文必填，1–5000 个字符", "The body is required: 1–5000 characters");
    public static readonly ErrorDefinition TargetInvalid = new("HUB-SPC-0003", 400,
        "须指定地区或学校之一；指定班级时须同时指定学校", "Give either a region or a school; a class needs its school");
    public static readonly ErrorDefinition TargetRegionInvalid = new("HUB-SPC-0004", 400,
        "地区代码不存在或不在您的管辖范围内", "The region code is unknown or outside your jurisdiction");
    public static readonly ErrorDefinition TargetSchoolInvalid = new("HUB-SPC-0005", 400,
        "学校不存在、不在您的管辖范围内，或您不在该校任教", "The school is unknown, outside your jurisdiction, or not a school you teach at");
    public static readonly ErrorDefinition RolesInvalid = new("HUB-SPC-0006", 400,
        "角色须为 0–4 的代码且不重复", "Roles must be distinct codes 0–4");
    public static readonly ErrorDefinition ExpiryInvalid = new("HUB-SPC-0007", 400,
        "截止时间须晚于当前时间且不超过一年", "The expiry must be in the future and within one year");
    public static readonly ErrorDefinition RecipientUnreachable = new("HUB-SPC-0008", 404,
        "收件人不存在，或您不能给此人发消息", "No such recipient, or you cannot send them messages");
    public static readonly ErrorDefinition FileNameInvalid = new("HUB-SPC-0009", 400,
        "文件名必填，1–200 个字符，不含路径分隔符或控制字符", "The file name is required: 1–200 characters without path separators or control characters");
    public static readonly ErrorDefinition CategoryInvalid = new("HUB-SPC-0010", 400,
        "类别须为 file、work、homework 或 note", "The category must be file, work, homework or note");
    public static readonly ErrorDefinition FileTooLarge = new("HUB-SPC-0011", 413,
        "文件超过单个文件的大小上限", "The file is larger than the per-file limit");
    public static readonly ErrorDefinition QuotaExceeded = new("HUB-SPC-0012", 409,
        "空间容量不足：删除一些文件后再上传", "Not enough space left: delete some files first");
    public static readonly ErrorDefinition StorageWriteFailed = new("HUB-SPC-0013", 503,
        "存储服务暂时无法保存文件（未达到副本数要求），文件未保存，请稍后重试", "Storage could not confirm enough copies; nothing was saved, try again later");
    public static readonly ErrorDefinition StorageReadFailed = new("HUB-SPC-0014", 503,
        "暂时无法读取文件的任何完好副本，请稍后重试", "No intact copy of the file can be read right now; try again later");
    public static readonly ErrorDefinition FileMissing = new("HUB-SPC-0015", 400,
        "请求中没有文件内容", "The request carries no file content");
    public static readonly ErrorDefinition UploadInProgress = new("HUB-SPC-0016", 409,
        "相同内容的文件正在上传，请稍后再试", "The same content is being uploaded right now; try again shortly");
    public static readonly ErrorDefinition NotAPerson = new("HUB-SPC-0017", 403,
        "此令牌不代表某个人，不能访问个人空间", "This token does not stand for a person and cannot open a personal space");
    public static readonly ErrorDefinition ExportFormatInvalid = new("HUB-SPC-0018", 400,
        "导出格式须为 json 或 csv", "The export format must be json or csv");
    public static readonly ErrorDefinition CursorInvalid = new("HUB-SPC-0019", 400,
        "分页游标无效", "Invalid paging cursor");
    public static readonly ErrorDefinition LimitInvalid = new("HUB-SPC-0020", 400,
        "每页条数须在 1–100 之间", "limit must be between 1 and 100");
    public static readonly ErrorDefinition ContentTypeInvalid = new("HUB-SPC-0021", 400,
        "文件类型须为 type/subtype 形式，最多 100 个字符", "The content type must look like type/subtype, at most 100 characters");
    public static readonly ErrorDefinition ClassCodeInvalid = new("HUB-SPC-0022", 400,
        "班级代码须为 1–32 个字母或数字", "The class code must be 1–32 letters or digits");
    public static readonly ErrorDefinition GuardianAccessDenied = new("HUB-SPC-0023", 404,
        "该学生不存在，或学校未允许家长查看其空间", "No such student, or the school does not let guardians view the student's space");
}
