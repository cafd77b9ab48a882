using System.Globalization;

namespace Hub.Server.Web.Tables;

/// <summary>One cell: text, or a number that spreadsheets should treat as a number (sums, sorting).</summary>
public readonly record struct TableCell(string? Text, decimal? Number)
{
    public static TableCell Empty { get; } = new(null, null);

    public static implicit operator TableCell(string? text) => new(text, null);

    public static implicit operator TableCell(int number) => new(null, number);

    public static implicit operator TableCell(decimal number) => new(null, number);

    public bool IsNumber => Number is not null;

    /// <summary>The cell as CSV and tests see it: numbers in invariant culture without trailing zeros.</summary>
    public override string ToString() => Number is { } n ? n.ToString("0.############", CultureInfo.InvariantCulture) : Text ?? "";
}

/// <summary>
/// A filled form as a table: the form's title and header block above, one header row, the data rows, and lines that
/// follow the rows (e.g. 省级推荐意见). CsvWriter and XlsxWriter write the same model, so both exports agree.
/// </summary>
public sealed record Table(
    string SheetName,
    IReadOnlyList<IReadOnlyList<TableCell>> TitleRows,
    IReadOnlyList<string> Header,
    IReadOnlyList<IReadOnlyList<TableCell>> Rows,
    IReadOnlyList<IReadOnlyList<TableCell>>? FooterRows = null)
{
    /// <summary>Every row in order, with the kind of row (title, header, data, footer).</summary>
    public IEnumerable<(TableRowKind Kind, IReadOnlyList<TableCell> Cells)> AllRows()
    {
        foreach (var row in TitleRows)
        {
            yield return (TableRowKind.Title, row);
        }
        yield return (TableRowKind.Header, [.. Header.Select(h => (TableCell)h)]);
        foreach (var row in Rows)
        {
            yield return (TableRowKind.Data, row);
        }
        foreach (var row in FooterRows ?? [])
        {
            yield return (TableRowKind.Footer, row);
        }
    }
}

public enum TableRowKind
{
    Title,
    Header,
    Data,
    Footer,
}
