using Hub.Server.Problems;

namespace Hub.Server.Usage;

/// <summary>Usage store errors (HUB-USE-0001 …).</summary>
public static class UsageErrors
{
    public static readonly ErrorDefinition EventIdInvalid = new("HUB-USE-0001", 400,
        "事件标识须为 UUID", "eventId must be a UUID");
    public static readonly ErrorDefinition TypeUnknown = new("HUB-USE-0002", 400,
        "事件类型须为 view、download、favourite、rate、complete、time_spent 之一", "type must be one of view, download, favourite, rate, complete, time_spent");
    public static readonly ErrorDefinition ValueInvalid = new("HUB-USE-0003", 400,
        "字段与事件类型不符：rate 须 rating 1–5，time_spent 须 seconds 1–86400，favourite 须 favourite，complete 可带 progress 0–100，其余不带",
        "Fields do not fit the type: rate needs rating 1–5, time_spent seconds 1–86400, favourite favourite, complete may carry progress 0–100, others none");
    public static readonly ErrorDefinition PersonUnknown = new("HUB-USE-0004", 400,
        "人员不存在（须为枢纽统一标识）", "No such person (a hub id is required)");
    public static readonly ErrorDefinition ResourceUnknown = new("HUB-USE-0005", 400,
        "资源不在资源信息库中", "The resource is not in the catalog");
    public static readonly ErrorDefinition OccurredAtInvalid = new("HUB-USE-0006", 400,
        "发生时间须带时区，且不晚于当前时间一天以上", "occurredAt needs an offset and may not be more than a day in the future");
    public static readonly ErrorDefinition PeriodInvalid = new("HUB-USE-0007", 400,
        "统计期间须为 from ≤ to 的日期（yyyy-MM-dd，北京时间），最长 366 天", "The period must be dates from ≤ to (yyyy-MM-dd, China time), at most 366 days");
    public static readonly ErrorDefinition FilterInvalid = new("HUB-USE-0008", 400,
        "筛选条件无效", "Invalid filter value");
}
