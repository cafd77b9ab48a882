using System.Text;

namespace Hub.Server.Web.Tables;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte order mark: without the BOM, Excel on Chinese Windows reads the file as GBK and
/// garbles every character. Lines end in CRLF; a field with a comma, quote, CR or LF is quoted with quotes doubled.
/// </summary>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(Table table)
    {
        var text = new StringBuilder();
        foreach (var (_, cells) in table.AllRows())
        {
            text.AppendJoin(',', cells.Select(Field)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    internal static string Field(TableCell cell)
    {
        var value = cell.ToString();
        // A text cell starting like a formula would run as one in Excel (CSV injection); a leading apostrophe keeps it text.
        if (!cell.IsNumber && value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
