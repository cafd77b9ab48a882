using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Hub.Server.Web.Tables;

namespace Hub.UnitTests.Web;

public sealed class TableWriterTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static Table Sample() => new("附件3 表", [["标题"], ["单位", "某馆, \"一\""]], ["序号", "学校名称", "学生数"],
        [[1, "第一小学", 1100], [2, "=HYPERLINK(\"x\")", 12.5m]], [["备注", "两行\n文字"]]);

    [Fact]
    public void Csv_Table_WritesBomCrlfAndRfc4180Quoting()
    {
        var bytes = CsvWriter.Write(Sample());
        var text = Encoding.UTF8.GetString(bytes[3..]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("标题\r\n单位,\"某馆, \"\"一\"\"\"\r\n序号,学校名称,学生数\r\n1,第一小学,1100\r\n2,\"'=HYPERLINK(\"\"x\"\")\",12.5\r\n备注,\"两行\n文字\"\r\n", text);
    }

    [Fact]
    public void Xlsx_Table_IsWellFormedWithCellsAtTheirReferences()
    {
        var bytes = XlsxWriter.Write(Sample());

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            _ = XDocument.Load(stream); // throws unless well-formed
        }
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var cells = XDocument.Load(sheet).Descendants(Main + "c").ToDictionary(c => (string)c.Attribute("r")!);
        Assert.Equal("标题", cells["A1"].Value);
        Assert.Equal("某馆, \"一\"", cells["B2"].Value);
        Assert.Equal("1", (string)cells["A3"].Attribute("s")!);
        Assert.Equal("第一小学", cells["B4"].Value);
        Assert.Null(cells["C4"].Attribute("t"));
        Assert.Equal("1100", cells["C4"].Element(Main + "v")!.Value);
        Assert.Equal("12.5", cells["C5"].Element(Main + "v")!.Value);
        Assert.Equal("两行\n文字", cells["B6"].Value);
    }

    [Theory]
    [InlineData(0, 1, "A1")]
    [InlineData(25, 2, "Z2")]
    [InlineData(26, 3, "AA3")]
    [InlineData(701, 4, "ZZ4")]
    [InlineData(702, 5, "AAA5")]
    public void Reference_Column_IsExcelLetters(int column, int row, string expected) =>
        Assert.Equal(expected, XlsxWriter.Reference(column, row));
}
