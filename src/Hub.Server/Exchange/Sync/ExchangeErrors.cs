using Hub.Server.Problems;

namespace Hub.Server.Exchange.Sync;

/// <summary>Errors of the data exchange (HUB-EXC-…): per-record rejections in answers and the exchange API's problems.</summary>
public static class ExchangeErrors
{
    public static readonly ErrorDefinition VersionInvalid = new("HUB-EXC-0001", 400,
        "版本号必须是正整数。", "The version must be a positive integer.");

    public static readonly ErrorDefinition BatchTooLarge = new("HUB-EXC-0002", 400,
        "一批最多 1000 条记录。", "A batch holds at most 1000 records.");

    public static readonly ErrorDefinition SchemaVersionUnsupported = new("HUB-EXC-0003", 400,
        "不支持的数据交换规范版本。", "This schema version of the data exchange spec is not supported.");

    public static readonly ErrorDefinition KeyInvalid = new("HUB-EXC-0004", 400,
        "记录标识为空、过长或含控制字符。", "The record key is empty, too long or contains control characters.");

    public static readonly ErrorDefinition SupersededInBatch = new("HUB-EXC-0005", 409,
        "同一批中有该记录更新的版本。", "The same batch holds a newer version of this record.");

    public static readonly ErrorDefinition UnknownKey = new("HUB-EXC-0006", 404,
        "枢纽没有该平台的此记录。", "The hub holds no such record of this platform.");

    public static readonly ErrorDefinition KeyTaken = new("HUB-EXC-0007", 409,
        "新的本地标识已被该平台的另一条记录使用。", "The new local id is already used by another record of this platform.");

    public static readonly ErrorDefinition StreamUnknown = new("HUB-EXC-0008", 404,
        "没有这个变更流。", "There is no such change stream.");

    public static readonly ErrorDefinition SinceInvalid = new("HUB-EXC-0009", 400,
        "since 必须是非负整数。", "since must be a non-negative integer.");

    public static readonly ErrorDefinition HoldNotFound = new("HUB-EXC-0010", 404,
        "没有这个待确认的删除批次。", "There is no such held removal batch.");

    public static readonly ErrorDefinition HoldDecided = new("HUB-EXC-0011", 409,
        "该删除批次已处理。", "This held removal batch has already been decided.");

    public static readonly ErrorDefinition PlatformNotFound = new("HUB-EXC-0012", 404,
        "没有这个平台，或不在您的管辖范围内。", "There is no such platform within your jurisdiction.");

    public static readonly ErrorDefinition EntityUnknown = new("HUB-EXC-0013", 400,
        "实体只能是 people 或 organizations。", "The entity must be people or organizations.");

    public static readonly ErrorDefinition RemovedLater = new("HUB-EXC-0015", 409,
        "该记录已被平台以更新的版本删除。", "The platform deleted this record with a newer version.");

    public static readonly ErrorDefinition BrokerUnavailable = new("HUB-EXC-0014", 503,
        "消息服务暂不可用，请稍后重试。", "The message broker is unavailable; try again later.");
}
