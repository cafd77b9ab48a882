using System.Globalization;
using System.Text;

namespace Hub.Server.Regions;

/// <summary>Reads the file tools/regions/generate.mjs writes; any deviation is a build defect, so it throws.</summary>
internal static class RegionCsv
{
    private const string Header = "code,name,level,parent_code,valid_from,valid_to";

    public static List<Region> Read(TextReader reader)
    {
        if (reader.ReadLine() != Header)
        {
            throw new InvalidDataException("Region CSV: unexpected header, expected " + Header);
        }

        var regions = new List<Region>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = Split(line);
            if (fields.Count != 6)
            {
                throw new InvalidDataException($"Region CSV line {lineNumber}: {fields.Count} fields, expected 6");
            }
            regions.Add(new Region(
                fields[0],
                fields[1],
                ParseLevel(fields[2], lineNumber),
                fields[3].Length == 0 ? null : fields[3],
                ParseMonth(fields[4], lineNumber),
                ParseMonth(fields[5], lineNumber)));
        }
        return regions;
    }

    private static RegionLevel ParseLevel(string value, int lineNumber) => value switch
    {
        "province" => RegionLevel.Province,
        "city" => RegionLevel.City,
        "county" => RegionLevel.County,
        _ => throw new InvalidDataException($"Region CSV line {lineNumber}: unknown level '{value}'"),
    };

    private static DateOnly? ParseMonth(string value, int lineNumber)
    {
        if (value.Length == 0)
        {
            return null;
        }
        return DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new InvalidDataException($"Region CSV line {lineNumber}: '{value}' is not yyyy-MM");
    }

    // The generator quotes a field only when it holds a comma or a quote; names never do today, but stay correct.
    private static List<string> Split(string line)
    {
        var fields = new List<string>(6);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
