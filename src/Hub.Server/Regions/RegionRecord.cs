using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Server.Regions;

/// <summary>
/// GB/T 2260 codes as a table (current and retired), so that organizations and every other region-bound row can
/// reference a real code by foreign key. Filled from the embedded gbt2260.csv by a migration; never edited by hand.
/// </summary>
public sealed class RegionRecord
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    /// <summary>
    /// Upsert of every code in <paramref name="catalog"/>: a migration runs it whenever the data file changes. Codes
    /// are never deleted (a retired code keeps identifying what was registered under it, and is never reused).
    /// </summary>
    public static string UpsertSql(RegionCatalog catalog)
    {
        var sql = new StringBuilder("INSERT INTO regions (code, name, level, parent_code, valid_from, valid_to) VALUES\n");
        var first = true;
        foreach (var r in catalog.All)
        {
            sql.Append(first ? "" : ",\n").Append(CultureInfo.InvariantCulture,
                $"('{r.Code}', '{r.Name.Replace("'", "''", StringComparison.Ordinal)}', {(short)r.Level}, {Literal(r.ParentCode)}, {Literal(r.ValidFrom)}, {Literal(r.ValidTo)})");
            first = false;
        }
        sql.Append("\nON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, ")
            .Append("parent_code = excluded.parent_code, valid_from = excluded.valid_from, valid_to = excluded.valid_to;");
        return sql.ToString();
    }

    private static string Literal(string? value) => value is null ? "NULL" : $"'{value}'";

    private static string Literal(DateOnly? value) =>
        value is { } d ? "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'" : "NULL";
}

internal sealed class RegionRecordConfiguration : IEntityTypeConfiguration<RegionRecord>
{
    public void Configure(EntityTypeBuilder<RegionRecord> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(6);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Level).HasConversion<short>();
        builder.Property(r => r.ParentCode).HasMaxLength(6);
        // No self-referencing foreign key: the loader inserts in one statement in code order, and parents are
        // checked by RegionCatalog when the file is read.
        builder.HasIndex(r => r.ParentCode);
    }
}
