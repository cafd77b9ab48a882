using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Hub.Server.Web.Tables;

/// <summary>
/// A minimal SpreadsheetML (OOXML) workbook with one sheet, written by hand because no spreadsheet package is
/// available: the six parts Excel, WPS and LibreOffice need, inline strings (no shared-string table to keep in step)
/// and numeric cells, bold title and header rows.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static byte[] Write(Table table)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            // Style 0 is the default; style 1 is bold (font 1) for the title and header rows.
            Part(zip, "xl/styles.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="{Main}"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
                """);
            using (var writer = XmlPart(zip, "xl/workbook.xml"))
            {
                writer.WriteStartElement("workbook", Main);
                writer.WriteAttributeString("xmlns", "r", null, RelNs);
                writer.WriteStartElement("sheets", Main);
                writer.WriteStartElement("sheet", Main);
                writer.WriteAttributeString("name", SheetName(table.SheetName));
                writer.WriteAttributeString("sheetId", "1");
                writer.WriteAttributeString("id", RelNs, "rId1");
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            using (var writer = XmlPart(zip, "xl/worksheets/sheet1.xml"))
            {
                WriteSheet(writer, table);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteSheet(XmlWriter writer, Table table)
    {
        writer.WriteStartElement("worksheet", Main);
        writer.WriteStartElement("sheetData", Main);
        var rowNumber = 0;
        foreach (var (kind, cells) in table.AllRows())
        {
            rowNumber++;
            writer.WriteStartElement("row", Main);
            writer.WriteAttributeString("r", rowNumber.ToString(CultureInfo.InvariantCulture));
            var bold = kind is TableRowKind.Title or TableRowKind.Header;
            for (var column = 0; column < cells.Count; column++)
            {
                var cell = cells[column];
                if (cell.Text is null && cell.Number is null)
                {
                    continue;
                }
                writer.WriteStartElement("c", Main);
                writer.WriteAttributeString("r", Reference(column, rowNumber));
                if (bold)
                {
                    writer.WriteAttributeString("s", "1");
                }
                if (cell.Number is { } number)
                {
                    writer.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteAttributeString("t", "inlineStr");
                    writer.WriteStartElement("is", Main);
                    writer.WriteStartElement("t", Main);
                    writer.WriteAttributeString("xml", "space", null, "preserve");
                    writer.WriteString(XmlSafe(cell.Text!));
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A1-style reference: column 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Reference(int column, int row)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }
        return letters.Append(row.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var cleaned = new string([.. name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return cleaned.Length == 0 ? "Sheet1" : cleaned[..Math.Min(31, cleaned.Length)];
    }

    // XML 1.0 cannot carry most control characters; validation keeps them out, this keeps a stray one from breaking the file.
    private static string XmlSafe(string text) => text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
        ? new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))])
        : text;

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = new UTF8Encoding(false).GetBytes(xml.Trim());
        stream.Write(bytes);
    }

    private static XmlWriter XmlPart(ZipArchive zip, string name) =>
        XmlWriter.Create(zip.CreateEntry(name, CompressionLevel.Fastest).Open(),
            new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true });
}
