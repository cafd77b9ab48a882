using System.Reflection;

namespace Hub.Server.Problems;

/// <summary>Every <see cref="ErrorDefinition"/> the hub declares, found by reflection over public static fields.</summary>
public static class ErrorCatalog
{
    public static IReadOnlyList<ErrorDefinition> All { get; } = typeof(ErrorCatalog).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.FieldType == typeof(ErrorDefinition))
        .Select(f => (ErrorDefinition)f.GetValue(null)!)
        .OrderBy(e => e.Code, StringComparer.Ordinal)
        .ToList();
}
