using Hub.Server.Problems;

namespace Hub.Server.Monitoring;

/// <summary>Errors of connection monitoring (HUB-MON-…).</summary>
public static class MonitoringErrors
{
    public static readonly ErrorDefinition PlatformNotFound = new("HUB-MON-0001", 404,
        "没有这个平台，或不在您的管辖范围内。", "There is no such platform within your jurisdiction.");

    public static readonly ErrorDefinition RangeInvalid = new("HUB-MON-0002", 400,
        "时间范围只能是 1h、24h 或 7d。", "The range must be 1h, 24h or 7d.");

    public static readonly ErrorDefinition AlertNotFound = new("HUB-MON-0003", 404,
        "没有这个告警，或不在您的管辖范围内。", "There is no such alert within your jurisdiction.");
}
