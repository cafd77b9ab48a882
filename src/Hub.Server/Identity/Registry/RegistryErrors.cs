using Hub.Server.Problems;

namespace Hub.Server.Identity.Registry;

/// <summary>Person registry errors (HUB-ID-0050 … HUB-ID-0099; 0001–0049 are document and name validation).</summary>
public static class RegistryErrors
{
    public static readonly ErrorDefinition RegionOutsideJurisdiction = new("HUB-ID-0051", 400,
        "地区代码不存在或不在您的管辖范围内", "The region code does not exist or is outside your jurisdiction");
    public static readonly ErrorDefinition LocalIdLinkedElsewhere = new("HUB-ID-0052", 409,
        "该平台用户标识已关联到另一个人，请核对证件号码", "This platform user id is already linked to another person; check the document number");
    public static readonly ErrorDefinition PurposeRequired = new("HUB-ID-0053", 400,
        "查看完整证件号码须说明用途（4–200 字符）", "Reading a full document number needs a purpose (4–200 characters)");
    public static readonly ErrorDefinition RoleInvalid = new("HUB-ID-0054", 400,
        "角色代码无效（0 学生、1 教师、2 家长、3 学校工作人员、4 机构工作人员）",
        "Invalid role code (0 student, 1 teacher, 2 parent, 3 school staff, 4 agency staff)");
    public static readonly ErrorDefinition LocalIdInvalid = new("HUB-ID-0055", 400,
        "平台用户标识必填，1–128 个可见字符", "The platform user id is required: 1–128 visible characters");
    public static readonly ErrorDefinition PersonNotActive = new("HUB-ID-0056", 409,
        "该人员已合并或注销，无法执行此操作", "The person has been merged or closed; the operation is not possible");
    public static readonly ErrorDefinition ContradictsDocument = new("HUB-ID-0057", 400,
        "与证件号码所载信息不一致", "Contradicts what the identity document number carries");
    public static readonly ErrorDefinition CursorInvalid = new("HUB-ID-0058", 400,
        "分页游标无效", "Invalid paging cursor");
    public static readonly ErrorDefinition LimitInvalid = new("HUB-ID-0059", 400,
        "每页条数须在 1–1000 之间", "limit must be between 1 and 1000");
    public static readonly ErrorDefinition DocumentTypeRequired = new("HUB-ID-0060", 400,
        "提供证件号码时须提供证件类型", "A document number needs its document type");
    public static readonly ErrorDefinition MergeIntoItself = new("HUB-ID-0062", 400,
        "不能将人员合并到其自身", "A person cannot be merged into itself");
    public static readonly ErrorDefinition DocumentBelongsToAnother = new("HUB-ID-0063", 409,
        "该证件号码已属于另一人员，请改用合并", "The document number belongs to another person; merge the two instead");
    public static readonly ErrorDefinition ReviewAlreadyResolved = new("HUB-ID-0064", 409,
        "该复核案件已处理", "The review case has already been resolved");
    public static readonly ErrorDefinition NotAParent = new("HUB-ID-0065", 400,
        "只有角色为家长的人员可以关联学生", "Only a person with the parent role can be linked to students");
    public static readonly ErrorDefinition NotAStudent = new("HUB-ID-0066", 400,
        "被监护人须为学生且不能是本人", "Each linked person must have the student role and not be the parent");
    public static readonly ErrorDefinition StatusChangeNotAllowed = new("HUB-ID-0067", 409,
        "不允许的状态变更（合并只能通过合并操作，注销后不能恢复）", "Status change not allowed (merge via the merge operation; a closed person stays closed)");
    public static readonly ErrorDefinition OrganizationCodeInvalid = new("HUB-ID-0068", 400,
        "机构标识码无效（1–32 个字母或数字）", "Invalid organization code (1–32 letters or digits)");
    public static readonly ErrorDefinition ValidityInvalid = new("HUB-ID-0069", 400,
        "有效期无效：须有开始日期，结束日期不得早于开始日期", "Invalid validity: a start date is required and the end may not precede it");
    public static readonly ErrorDefinition PasswordTooWeak = new("HUB-ID-0070", 400,
        "密码至少 8 位且须同时包含字母和数字（最多 128 位）", "The password needs at least 8 characters with letters and digits (at most 128)");
    public static readonly ErrorDefinition ClassCodeInvalid = new("HUB-ID-0071", 400,
        "班级代码无效（1–32 个字母或数字）", "Invalid class code (1–32 letters or digits)");
    public static readonly ErrorDefinition NoDocumentOnRecord = new("HUB-ID-0061", 404,
        "该人员没有登记证件号码", "No document number is on record for this person");
}
