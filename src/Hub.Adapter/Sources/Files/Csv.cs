using System.Text;

namespace Hub.Adapter.Sources.Files;

/// <summary>RFC 4180 CSV rows (UTF-8, BOM allowed, quoted fields with doubled quotes and line breaks), streamed.</summary>
internal static class Csv
{
    public static async IAsyncEnumerable<string[]> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        var buffer = new char[16384];
        int read;
        char previous = '\0';
        while ((read = await reader.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    // A quote right after a closing quote is an escaped quote.
                    if (previous == '"')
                    {
                        field.Append('"');
                    }
                    quoted = true;
                    any = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                }
                else if (c is '\n' or '\r')
                {
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return [.. fields];
                    }
                    fields.Clear();
                    field.Clear();
                    any = false;
                }
                else
                {
                    field.Append(c);
                    any = true;
                }
                previous = c;
            }
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return [.. fields];
        }
    }
}
