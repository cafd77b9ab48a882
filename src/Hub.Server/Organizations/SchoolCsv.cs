using System.Text;

namespace Hub.Server.Organizations;

/// <summary>
/// Reads a school list as CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM) with a header
/// row in the notice's wording (attachment 3) or the API's field names, so a county can upload the table it keeps.
/// </summary>
public static class SchoolCsv
{
    public const int MaxRows = 5_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["学校标识码"] = "code", ["学校(机构)标识码"] = "code", ["学校（机构）标识码"] = "code", ["code"] = "code",
        ["学校名称"] = "name", ["name"] = "name",
        ["学校类型"] = "schoolType", ["schoolType"] = "schoolType",
        ["所在地区代码"] = "regionCode", ["地区代码"] = "regionCode", ["regionCode"] = "regionCode",
        ["网络带宽"] = "bandwidth", ["bandwidth"] = "bandwidth",
        ["班级数"] = "classCount", ["classCount"] = "classCount",
        ["具备多媒体设备的班级数"] = "multimediaClassCount", ["multimediaClassCount"] = "multimediaClassCount",
        ["学生配有移动终端的班级数"] = "mobileTerminalClassCount", ["mobileTerminalClassCount"] = "mobileTerminalClassCount",
        ["教师数"] = "teacherCount", ["teacherCount"] = "teacherCount",
        ["学生数"] = "studentCount", ["studentCount"] = "studentCount",
    };

    public static readonly string[] Required = ["code", "name", "schoolType", "regionCode", "bandwidth", "classCount",
        "multimediaClassCount", "mobileTerminalClassCount", "teacherCount", "studentCount"];

    /// <summary>Rows as requests; null with a message when the file itself is unusable (no header, missing columns, too many rows).</summary>
    public static (List<SchoolRequest>? Rows, string? Problem) Read(string text)
    {
        var records = Parse(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            return (null, "header");
        }
        var header = records[0].Select(h => Columns.GetValueOrDefault(h.Trim())).ToArray();
        if (Required.FirstOrDefault(r => !header.Contains(r)) is { } missing)
        {
            return (null, missing);
        }
        var rows = records.Skip(1).Where(r => r.Any(f => f.Length > 0)).ToList();
        if (rows.Count > MaxRows)
        {
            return (null, "rows");
        }
        return ([.. rows.Select(r => ToRequest(header, r))], null);
    }

    private static SchoolRequest ToRequest(string?[] header, List<string> row)
    {
        string? Get(string column)
        {
            var i = Array.IndexOf(header, column);
            return i >= 0 && i < row.Count ? row[i].Trim() : null;
        }
        int? Number(string column) => int.TryParse(Get(column), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        return new SchoolRequest(Get("code"), Get("name"), Get("schoolType"), Get("regionCode"), Get("bandwidth"),
            Number("classCount"), Number("multimediaClassCount"), Number("mobileTerminalClassCount"), Number("teacherCount"), Number("studentCount"));
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') { field.Append(c); }
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else { quoted = false; }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }
}
