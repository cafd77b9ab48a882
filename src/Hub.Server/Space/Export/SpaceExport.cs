using System.Globalization;
using System.Text;
using System.Text.Json;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Web.Tables;

namespace Hub.Server.Space.Export;

/// <summary>
/// A person's copy of what the hub holds about them (PIPL 第四十五条): every registered <see cref="ISpaceExportSection"/>,
/// as JSON (sections of row objects) or as one CSV (a title line, a header and rows per section, blank line between).
/// Each export is audited.
/// </summary>
public sealed class SpaceExport(IEnumerable<ISpaceExportSection> sections, AuditLog audit, HubDbContext db, TimeProvider clock)
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<List<ExportSection>> CollectAsync(SpacePerson person, string format, CancellationToken ct)
    {
        var collected = new List<ExportSection>();
        foreach (var section in sections)
        {
            collected.Add(await section.CollectAsync(person, ct));
        }
        audit.Record(person.Actor, "space.export", "person", person.HubId, "exported", purpose: format);
        await db.SaveChangesAsync(ct);
        return collected;
    }

    public byte[] Json(SpacePerson person, IReadOnlyList<ExportSection> collected)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("hubId", person.HubId);
            json.WriteString("exportedAt", Time(clock.GetUtcNow()));
            json.WriteStartObject("sections");
            foreach (var section in collected)
            {
                json.WriteStartArray(section.Name);
                foreach (var row in section.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < section.Columns.Count; i++)
                    {
                        json.WriteString(section.Columns[i], row[i]);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static byte[] Csv(IReadOnlyList<ExportSection> collected)
    {
        var text = new StringBuilder();
        foreach (var section in collected)
        {
            Line(text, [$"{section.TitleZh} {section.TitleEn} ({section.Name})"]);
            Line(text, section.Columns);
            foreach (var row in section.Rows)
            {
                Line(text, row);
            }
            text.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string?> cells) =>
        text.AppendJoin(',', cells.Select(c => CsvWriter.Field(c))).Append("\r\n");
}
