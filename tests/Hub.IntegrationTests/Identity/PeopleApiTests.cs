using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Npgsql;
using static Hub.IntegrationTests.Identity.PeopleTestData;

namespace Hub.IntegrationTests.Identity;

public sealed class PeopleApiTests(HubApp app) : IClassFixture<HubApp>
{
    private Task<(HttpClient Client, string ClientId)> Platform(string? region, params string[] scopes) =>
        PlatformClients.CreateAsync(app, region, scopes.Length == 0 ? [HubScopes.PeopleRead, HubScopes.PeopleWrite] : scopes);

    [Fact]
    public async Task Register_NewPerson_Returns201WithHubIdAndMaskedDocument()
    {
        var (client, _) = await Platform("440300");
        var id = NewIdNumber();

        using var response = await client.PostAsJsonAsync("/api/v1/people", Registration(id, localId: "t-1"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var person = body.GetProperty("person");
        Assert.Matches("^P[0-9A-HJKMNP-TV-Z]{16}$", person.GetProperty("hubId").GetString());
        Assert.Equal(id[..6] + "********" + id[14..], person.GetProperty("document").GetProperty("numberMasked").GetString());
        Assert.Equal("t-1", person.GetProperty("localId").GetString());
        Assert.DoesNotContain(id, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_SameDocumentFromTwoPlatforms_ResolvesToOneHubIdWithEachPlatformsLocalId()
    {
        var (city, _) = await Platform("440300");
        var (province, _) = await Platform("440000");
        var id = NewIdNumber();

        using var first = await city.PostAsJsonAsync("/api/v1/people", Registration(id, localId: "city-7"));
        using var second = await province.PostAsJsonAsync("/api/v1/people", Registration(id.ToLowerInvariant(), localId: "prov-99"));
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(b.GetProperty("created").GetBoolean());
        Assert.Equal(a.GetProperty("hubId").GetString(), b.GetProperty("person").GetProperty("hubId").GetString());
        Assert.Equal("prov-99", b.GetProperty("person").GetProperty("localId").GetString());
    }

    [Fact]
    public async Task Register_SameDocumentDifferentName_KeepsNameAndOpensReviewCase()
    {
        var (client, _) = await Platform("440300");
        var id = NewIdNumber();
        await client.PostAsJsonAsync("/api/v1/people", Registration(id, name: "李四"));

        using var response = await client.PostAsJsonAsync("/api/v1/people", Registration(id, name: "李思"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("李四", body.GetProperty("person").GetProperty("name").GetString());
        Assert.True(body.GetProperty("reviewCaseId").GetInt64() > 0);
    }

    [Fact]
    public async Task Register_BadChecksum_Returns400NamingDocumentNumberAndWritesNothing()
    {
        var (client, _) = await Platform("440300");
        var id = NewIdNumber();
        var broken = id[..17] + (id[17] == '1' ? '2' : '1');
        var before = await CountAsync("people");

        using var response = await client.PostAsJsonAsync("/api/v1/people", Registration(broken));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("document.number", error.GetProperty("field").GetString());
        Assert.StartsWith("HUB-ID-", error.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("people"));
    }

    [Fact]
    public async Task Register_RegionOutsideJurisdiction_Returns400NamingRegionCode()
    {
        var (client, _) = await Platform("440300");

        using var response = await client.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber("110105"), region: "110105"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "regionCode");
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400NamingTheField()
    {
        var (client, _) = await Platform("440300");

        using var response = await client.PostAsync(new Uri("/api/v1/people", UriKind.Relative),
            new StringContent("""{"localId":"x","roles":"teacher"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("HUB-GEN-0002", body.GetProperty("code").GetString());
        Assert.Equal("roles", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_PersonOutsideJurisdiction_Returns404LikeAMissingOne()
    {
        var (shenzhen, _) = await Platform("440300");
        var (beijing, _) = await Platform("110000");
        using var created = await shenzhen.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber()));
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();

        using var outside = await beijing.GetAsync(new Uri($"/api/v1/people/{hubId}", UriKind.Relative));
        using var missing = await beijing.GetAsync(new Uri("/api/v1/people/P0000000000000000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(await missing.Content.ReadFromJsonAsync<JsonElement>() is var m ? m.GetProperty("code").GetString() : null,
            (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lookup_DocumentOfPersonOutsideJurisdiction_Returns404LikeAnUnknownNumber()
    {
        var (shenzhen, _) = await Platform("440300");
        var (beijing, _) = await Platform("110000");
        var id = NewIdNumber();
        await shenzhen.PostAsJsonAsync("/api/v1/people", Registration(id));

        using var inside = await shenzhen.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = id } });
        using var outside = await beijing.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = id } });

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Register_WithoutDocumentBornInTheFuture_Returns400NamingBirthDate()
    {
        var (client, _) = await Platform("440300");

        using var response = await client.PostAsJsonAsync("/api/v1/people", new
        {
            localId = "nodoc-1", name = "何未来", roles = new[] { 0 }, regionCode = "440305",
            birthDate = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("birthDate", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Api_WithoutToken_Returns401Problem()
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("HUB-GEN-0007", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Database_AfterRegistration_HoldsNoPlaintextDocumentNumber()
    {
        var (client, _) = await Platform("440300");
        var id = NewIdNumber();
        await client.PostAsJsonAsync("/api/v1/people", Registration(id));

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        // Every table, every column, as text (bytea renders as hex; check that too).
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM people p WHERE row_to_json(p)::text LIKE @n OR row_to_json(p)::text LIKE @hex", connection);
        command.Parameters.AddWithValue("n", "%" + id[..17] + "%");
        command.Parameters.AddWithValue("hex", "%" + Convert.ToHexString(Encoding.UTF8.GetBytes(id[..17])).ToLowerInvariant() + "%");

        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
