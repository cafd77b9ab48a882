namespace Hub.Server.Platforms;

/// <summary>The notice's own wording for the choices of attachment 2, for pages and exported tables.</summary>
public static class PlatformFormLabels
{
    public static string Of(ServiceScope scope) => scope switch
    {
        ServiceScope.Province => "省（市、区）级",
        ServiceScope.City => "地市（区）级",
        _ => "区县级",
    };

    public static string Of(DevelopmentMode mode, string? other) => mode switch
    {
        DevelopmentMode.Enterprise => "企业开发",
        DevelopmentMode.Leased => "租用服务",
        _ => "其他：" + other,
    };

    public static string Of(DataCentreType type) => type switch
    {
        DataCentreType.Hosted => "托管机房",
        DataCentreType.Own => "自有机房",
        _ => "公有云",
    };

    public static string SecurityLevel(int level) => level switch
    {
        1 => "一级等保",
        2 => "二级等保",
        _ => "三级等保",
    };

    /// <summary>Wire names of the enums (camelCase, as the API accepts them).</summary>
    public static string Wire<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
