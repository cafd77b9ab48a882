using System.IO.Compression;
using System.Xml.Linq;

namespace Hub.IntegrationTests.Pilot;

/// <summary>Reads the cells of a workbook's first sheet by reference ("A1"), parsing the XML (so it must be well-formed).</summary>
internal static class XlsxCells
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static Dictionary<string, string> Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        foreach (var part in new[] { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml" })
        {
            using var stream = (zip.GetEntry(part) ?? throw new InvalidOperationException("missing " + part)).Open();
            _ = XDocument.Load(stream);
        }
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        return XDocument.Load(sheet).Descendants(Main + "c").ToDictionary(
            c => (string)c.Attribute("r")!,
            c => (string?)c.Attribute("t") == "inlineStr" ? string.Concat(c.Descendants(Main + "t").Select(t => t.Value)) : c.Element(Main + "v")!.Value);
    }
}
