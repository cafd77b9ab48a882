using System.Reflection;

namespace Hub.Server.Api;

public static class HubVersion
{
    /// <summary>The newest exchange/API spec version this build implements.</summary>
    public const string ContractVersion = "v1";

    public static string Current { get; } =
        typeof(HubVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}
