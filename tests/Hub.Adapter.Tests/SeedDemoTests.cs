using Hub.Adapter.Host.Demo;
using Hub.Testing;
using Npgsql;

namespace Hub.Adapter.Tests;

public sealed class SeedDemoTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("adapterseed");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task SeedDemo_ProvinceAndCitySharingASlice_ValidNumbersRealCodesAndCrossPlatformDuplicates()
    {
        var province = await DemoSettingsFor("province", 3000, "440000", 1, null, null, 0);
        var city = await DemoSettingsFor("city", 1000, "440300", 2, 1, "440000", 100);

        var people = await QueryAsync("SELECT document_number, student_number, roles[1], region_code, gender, birth_date::text FROM city.people");
        var shared = await QueryAsync("SELECT c.local_id FROM city.people c JOIN province.people p USING (document_number)");
        var schools = await QueryAsync("SELECT code, region_code FROM city.organizations");
        var guardians = await QueryAsync("SELECT count(*)::text FROM city.guardianships");

        Assert.Equal(3000, province.People);
        Assert.Equal(1000, people.Count);
        Assert.All(people, p =>
        {
            Assert.True(ResidentId.IsValid(p[0]), p[0]);
            Assert.StartsWith("4403", p[3], StringComparison.Ordinal);
            Assert.Equal(p[0][..6], p[3]);
            Assert.Equal(p[0].Substring(6, 8), p[5].Replace("-", "", StringComparison.Ordinal));
            Assert.Equal(int.Parse(p[0].AsSpan(14, 3), System.Globalization.CultureInfo.InvariantCulture) % 2 == 1 ? "1" : "2", p[4]);
            if (p[2] == "0")
            {
                Assert.Equal("G" + p[0], p[1]);
            }
        });
        Assert.Equal(1000, people.Select(p => p[0]).Distinct().Count());
        Assert.Equal(100, shared.Count);
        Assert.All(schools, s => Assert.Matches("^(21|31|34)44[0-9]{6}$", s[0]));
        Assert.True(int.Parse(guardians.Single()[0], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(city.SharedScanned <= 3000);
    }

    [Fact]
    public async Task SeedDemo_SameSeedTwice_SamePeople()
    {
        await DemoSettingsFor("first", 500, "110000", 7, null, null, 0);
        await DemoSettingsFor("second", 500, "110000", 7, null, null, 0);

        var differences = await QueryAsync(
            "SELECT count(*)::text FROM first.people f FULL JOIN second.people s USING (local_id) WHERE f.document_number IS DISTINCT FROM s.document_number OR f.name IS DISTINCT FROM s.name");

        Assert.Equal("0", differences.Single()[0]);
    }

    [Fact]
    public void Parse_ShareSeedWithSameLastDigit_Refused()
    {
        Assert.Throws<ArgumentException>(() => DemoSettings.Parse(["--connection", "x", "--seed", "1", "--share-seed", "11", "--share-region", "440000", "--share-count", "5"]));
    }

    private Task<DemoResult> DemoSettingsFor(string schema, int people, string region, int seed, int? shareSeed, string? shareRegion, int shareCount) =>
        SeedDemoCommand.SeedAsync(new DemoSettings(database.ConnectionString, schema, people, region, seed, null, shareSeed, shareRegion, shareCount, Reset: false), default);

    private async Task<List<string[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString()!).ToArray());
        }
        return rows;
    }
}
