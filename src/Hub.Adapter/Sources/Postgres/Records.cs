using Hub.Contracts.V1;
using Npgsql;

namespace Hub.Adapter.Sources.Postgres;

/// <summary>Rows of the platform layout as contract records (column order as selected by <see cref="PostgresSource"/>).</summary>
internal static class Records
{
    public static PersonChange Person(NpgsqlDataReader r, IReadOnlyList<PersonAffiliationRecord>? affiliations) => new(
        LocalId: r.GetString(0),
        Version: r.GetInt64(1),
        ChangedAt: r.GetFieldValue<DateTimeOffset>(2),
        Name: r.GetString(3),
        Document: r.IsDBNull(4) || r.IsDBNull(5) ? null : new PersonDocument(r.GetInt16(4), r.GetString(5)),
        StudentNumber: r.IsDBNull(6) ? null : r.GetString(6),
        Roles: r.GetFieldValue<short[]>(7).Select(x => (int)x).ToArray(),
        RegionCode: r.GetString(8),
        Gender: r.GetInt16(9),
        BirthDate: r.IsDBNull(10) ? null : r.GetFieldValue<DateOnly>(10),
        Affiliations: affiliations);

    public static OrganizationChange Organization(NpgsqlDataReader r) => new(
        Code: r.GetString(0),
        Version: r.GetInt64(1),
        ChangedAt: r.GetFieldValue<DateTimeOffset>(2),
        Name: r.GetString(3),
        SchoolType: r.IsDBNull(4) ? null : r.GetString(4),
        RegionCode: r.GetString(5),
        Bandwidth: r.IsDBNull(6) ? null : r.GetString(6),
        ClassCount: NullableInt(r, 7),
        MultimediaClassCount: NullableInt(r, 8),
        MobileTerminalClassCount: NullableInt(r, 9),
        TeacherCount: NullableInt(r, 10),
        StudentCount: NullableInt(r, 11));

    private static int? NullableInt(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}

/// <summary>The PostgreSQL source's change cursor: "transaction id:version" of the last row read.</summary>
internal static class XidCursor
{
    public static (string Xid, long Version) Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return ("0", 0);
        }
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !ulong.TryParse(cursor.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture, out _)
            || !long.TryParse(cursor.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new FormatException($"Not a PostgreSQL source cursor: '{cursor}'.");
        }
        return (cursor[..colon], version);
    }

    public static string Format(string xid, long version) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{xid}:{version}");
}
