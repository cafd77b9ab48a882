namespace Hub.Server.Space.Export;

/// <summary>One part of a person's data export: named columns and rows of text (null = no value).</summary>
public sealed record ExportSection(string Name, string TitleZh, string TitleEn, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);

/// <summary>
/// A contributor to the export (PIPL right of access, 个人信息查阅复制权). Each feature that keeps data about a person
/// registers one (<c>services.AddScoped&lt;ISpaceExportSection, …&gt;()</c>); the export runs them all in registration
/// order. The resource-usage store (资源应用情况, Usage/UsageExportSection) is one of them.
/// </summary>
public interface ISpaceExportSection
{
    Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct);
}
