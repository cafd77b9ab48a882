using Hub.Server.Problems;

namespace Hub.Server.Organizations;

/// <summary>Organization registry errors (HUB-ORG-0001 …).</summary>
public static class OrganizationErrors
{
    public static readonly ErrorDefinition SchoolCodeFormat = new("HUB-ORG-0001", 400,
        "学校标识码须为 10 位数字（类型 2 位 + 省份 2 位 + 序号 6 位）", "The school code must be 10 digits (2 type + 2 province + 6 sequence)");
    public static readonly ErrorDefinition SchoolCodeType = new("HUB-ORG-0002", 400,
        "学校标识码的类型码无效（11、21、31、34、36、41、51）", "Unknown type digits in the school code (11, 21, 31, 34, 36, 41, 51)");
    public static readonly ErrorDefinition SchoolCodeProvince = new("HUB-ORG-0003", 400,
        "学校标识码的省份码不是有效的省级行政区划代码", "The province digits of the school code are not a real province");
    public static readonly ErrorDefinition SchoolCodeRegionMismatch = new("HUB-ORG-0004", 400,
        "学校标识码的省份与所在地区不一致", "The school code's province differs from the school's region");
    public static readonly ErrorDefinition NameInvalid = new("HUB-ORG-0005", 400,
        "名称必填，1–100 个字符，不含控制字符", "The name is required: 1–100 characters without control characters");
    public static readonly ErrorDefinition SchoolTypeInvalid = new("HUB-ORG-0006", 400,
        "学校类型须为：小学（5年）、小学（6年）、普通初中、职业中学、九年一贯、普通高中、职业高中、完全中学",
        "The school type must be one of the notice's list: 小学（5年）, 小学（6年）, 普通初中, 职业中学, 九年一贯, 普通高中, 职业高中, 完全中学");
    public static readonly ErrorDefinition BandwidthInvalid = new("HUB-ORG-0007", 400,
        "网络带宽请按“**M”格式填写（1–1000000）", "Network bandwidth must be written as \"**M\" (1–1000000 Mbps)");
    public static readonly ErrorDefinition CountInvalid = new("HUB-ORG-0008", 400,
        "数量须为不超过上限的非负整数", "Counts must be non-negative whole numbers within the limit");
    public static readonly ErrorDefinition ClassSubsetInvalid = new("HUB-ORG-0009", 400,
        "具备多媒体设备或学生配有移动终端的班级数不能超过班级数", "Classes with multimedia equipment or mobile terminals cannot exceed the number of classes");
    public static readonly ErrorDefinition RegionInvalid = new("HUB-ORG-0010", 400,
        "地区代码不是现行有效的 GB/T 2260 代码", "The region code is not a current GB/T 2260 code");
    public static readonly ErrorDefinition RegionOutsideJurisdiction = new("HUB-ORG-0011", 400,
        "地区不在您的管辖范围内", "The region is outside your jurisdiction");
    public static readonly ErrorDefinition CodeTaken = new("HUB-ORG-0012", 409,
        "该标识码已登记", "An organization with this code is already registered");
    public static readonly ErrorDefinition SchoolTypeCodeMismatch = new("HUB-ORG-0013", 400,
        "学校类型与学校标识码的类型码不符", "The school type does not match the type digits of the school code");
    public static readonly ErrorDefinition StaleVersion = new("HUB-ORG-0014", 409,
        "该机构已被他人修改，请刷新后重试", "The organization was changed by someone else; reload and retry");
    public static readonly ErrorDefinition ImportFileInvalid = new("HUB-ORG-0015", 400,
        "学校名单文件须为 CSV（UTF-8），首行为表头且含全部必需列，最多 5000 行", "The school list must be CSV (UTF-8) with a header row holding every required column, at most 5000 rows");
}
