using Hub.Server.Problems;

namespace Hub.Server.Operators;

/// <summary>Admin account errors (HUB-OPS-0001 …).</summary>
public static class OperatorErrors
{
    public static readonly ErrorDefinition PersonUnknown = new("HUB-OPS-0001", 400,
        "找不到该人员（须为您管辖范围内的在用实名用户）", "No such person (an active person inside your jurisdiction)");
    public static readonly ErrorDefinition RegionNotGrantable = new("HUB-OPS-0002", 400,
        "地区须为您管辖范围内现行有效的 GB/T 2260 代码", "The region must be a current GB/T 2260 code inside your jurisdiction");
    public static readonly ErrorDefinition PermissionNotGrantable = new("HUB-OPS-0003", 400,
        "权限须为已定义且您本人持有的权限，至少一项", "Permissions must be defined ones that you hold yourself, at least one");
    public static readonly ErrorDefinition SchoolNotGrantable = new("HUB-OPS-0004", 400,
        "学校须为您管辖范围内在用的已登记学校（如填写地区，须与学校所在地区一致）",
        "The school must be an active registered school inside your jurisdiction (a region given must be the school's)");
}
