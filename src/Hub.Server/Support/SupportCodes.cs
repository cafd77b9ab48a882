using System.Text.Json;

namespace Hub.Server.Support;

/// <summary>What a school asks for (the notice's 基础设施支持 and 应用指导).</summary>
public enum SupportKind : short
{
    EquipmentFault = 1,
    Network = 2,
    PlatformAccess = 3,
    Guidance = 4,
    Training = 5,
}

public enum SupportUrgency : short
{
    Low = 1,
    Normal = 2,
    High = 3,
    Critical = 4,
}

/// <summary>The lifecycle of specs/support/README.md; <see cref="SupportWorkflow"/> holds the transitions.</summary>
public enum SupportStatus : short
{
    New = 0,
    Assigned = 1,
    InProgress = 2,
    WaitingForSchool = 3,
    Resolved = 4,
    Closed = 5,
    Reopened = 6,
    Cancelled = 7,
}

/// <summary>学段: the stage an expert covers and a guidance request concerns.</summary>
public enum SchoolStage : short
{
    Preschool = 1,
    Primary = 2,
    Junior = 3,
    Senior = 4,
    Vocational = 5,
    Special = 6,
}

/// <summary>Devices of the equipment register (教室多媒体设备、终端 …).</summary>
public enum DeviceCategory : short
{
    ClassroomMultimedia = 1,
    Terminal = 2,
    NetworkDevice = 3,
    Server = 4,
    Other = 9,
}

/// <summary>Wire names (snake_case, stable) and zh-CN / en labels of the support code lists.</summary>
public static class SupportCodes
{
    /// <summary>Subjects (学科) a guidance request names and an expert covers.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Subjects = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["chinese"] = ("语文", "Chinese"), ["mathematics"] = ("数学", "Mathematics"), ["english"] = ("英语", "English"),
        ["physics"] = ("物理", "Physics"), ["chemistry"] = ("化学", "Chemistry"), ["biology"] = ("生物", "Biology"),
        ["history"] = ("历史", "History"), ["geography"] = ("地理", "Geography"), ["politics"] = ("道德与法治/思想政治", "Morality and politics"),
        ["science"] = ("科学", "Science"), ["information_technology"] = ("信息技术", "Information technology"),
        ["music"] = ("音乐", "Music"), ["art"] = ("美术", "Art"), ["physical_education"] = ("体育与健康", "Physical education"),
        ["general"] = ("通用（教育技术应用）", "General (educational technology)"),
    };

    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static T? Parse<T>(string? text) where T : struct, Enum =>
        text is null ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Wire(v!.Value) == text);

    public static string Label(SupportKind kind) => kind switch
    {
        SupportKind.EquipmentFault => "设备故障",
        SupportKind.Network => "网络",
        SupportKind.PlatformAccess => "平台/应用访问",
        SupportKind.Guidance => "应用指导",
        _ => "培训",
    };

    public static string Label(SupportUrgency urgency) => urgency switch
    {
        SupportUrgency.Low => "低",
        SupportUrgency.Normal => "一般",
        SupportUrgency.High => "高",
        _ => "紧急",
    };

    public static string Label(SupportStatus status) => status switch
    {
        SupportStatus.New => "待分派",
        SupportStatus.Assigned => "已分派",
        SupportStatus.InProgress => "处理中",
        SupportStatus.WaitingForSchool => "等待学校反馈",
        SupportStatus.Resolved => "已解决",
        SupportStatus.Closed => "已关闭",
        SupportStatus.Reopened => "已重新打开",
        _ => "已撤销",
    };

    public static string Label(SchoolStage stage) => stage switch
    {
        SchoolStage.Preschool => "学前",
        SchoolStage.Primary => "小学",
        SchoolStage.Junior => "初中",
        SchoolStage.Senior => "高中",
        SchoolStage.Vocational => "中职",
        _ => "特殊教育",
    };

    public static string Label(DeviceCategory category) => category switch
    {
        DeviceCategory.ClassroomMultimedia => "教室多媒体设备",
        DeviceCategory.Terminal => "终端",
        DeviceCategory.NetworkDevice => "网络设备",
        DeviceCategory.Server => "服务器",
        _ => "其他",
    };
}
