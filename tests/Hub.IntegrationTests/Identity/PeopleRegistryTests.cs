using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Identity.PeopleTestData;

namespace Hub.IntegrationTests.Identity;

public sealed class PeopleRegistryTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task List_KeysetPagingOverCityScope_VisitsEachPersonInScopeExactlyOnce()
    {
        var (writer, _) = await PlatformClients.CreateAsync(app, null, HubScopes.PeopleWrite, HubScopes.PeopleRead);
        var inScope = new HashSet<string>();
        // 汕头市 (440500): no other test in this class registers anyone there.
        foreach (var region in new[] { "440507", "440507", "440511", "440512", "440513", "440514", "440515" })
        {
            using var r = await writer.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber(region), region: region));
            inScope.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!);
        }
        await writer.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber("110105"), region: "110105"));
        await writer.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber("440106"), region: "440106"));

        var (city, _) = await PlatformClients.CreateAsync(app, "440500", HubScopes.PeopleRead);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await city.GetFromJsonAsync<JsonElement>($"/api/v1/people?limit=3{(after is null ? "" : "&after=" + after)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("hubId").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(inScope.SetEquals(seen.Where(inScope.Contains)));
        Assert.All(seen, s => Assert.Contains(s, inScope)); // nothing from 110105 or 440106
    }

    [Fact]
    public async Task RevealDocument_WithScopeAndPurpose_ReturnsFullNumberAndWritesAuditEntry()
    {
        var (writer, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleWrite);
        var id = NewIdNumber();
        using var created = await writer.PostAsJsonAsync("/api/v1/people", Registration(id));
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();
        var (reader, readerId) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleDocumentRead);

        var revealed = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/people/{hubId}/document?purpose=学籍核验");

        Assert.Equal(id, revealed.GetProperty("number").GetString());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .SingleAsync(e => e.SubjectId == hubId && e.Action == "person.document.read");
        Assert.Equal(readerId, entry.Actor);
        Assert.Equal("学籍核验", entry.Purpose);
    }

    [Fact]
    public async Task RevealDocument_WithoutDocumentScope_Returns403AndAuditsNothing()
    {
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleWrite, HubScopes.PeopleRead);
        using var created = await client.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber()));
        var hubId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();

        using var response = await client.GetAsync(new Uri($"/api/v1/people/{hubId}/document?purpose=curious", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>().AnyAsync(e => e.SubjectId == hubId));
    }

    [Fact]
    public async Task RevealDocument_WithoutPurpose_Returns400NamingPurpose()
    {
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleDocumentRead);

        using var response = await client.GetAsync(new Uri("/api/v1/people/P0000000000000000/document", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("purpose", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Register_SameNewPersonConcurrentlyFromFivePlatforms_CreatesExactlyOnePerson()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PlatformClients.CreateAsync(app, "440000", HubScopes.PeopleWrite)));
        var id = NewIdNumber();

        var responses = await Task.WhenAll(clients.Select(c => c.Client.PostAsJsonAsync("/api/v1/people", Registration(id))));
        var hubIds = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            hubIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!);
            response.Dispose();
        }

        Assert.Single(hubIds);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
    }

    [Fact]
    public async Task Register_TemporaryThenOfficialStudentNumber_IsAKeyChangeOfTheSamePerson()
    {
        var (client, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleWrite);
        var birth = new DateOnly(2015, 3, 9);
        var idNumber = ResidentIdNumber.Compose("440305", birth, Random.Shared.Next(0, 1000));
        var temporary = "L440305" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999);
        var body = new { localId = "stu-1", name = "王小明", studentNumber = temporary, roles = new[] { 0 }, regionCode = "440305" };
        using var first = await client.PostAsJsonAsync("/api/v1/people", body);
        var hubId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString();

        using var second = await client.PostAsJsonAsync("/api/v1/people", body with { studentNumber = "G" + idNumber });
        var person = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(hubId, person.GetProperty("hubId").GetString());
        Assert.StartsWith("G", person.GetProperty("studentNumberMasked").GetString(), StringComparison.Ordinal);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<KeyChange>()
            .AnyAsync(k => k.Kind == KeyChangeKind.StudentNumberReplaced));
    }
}
