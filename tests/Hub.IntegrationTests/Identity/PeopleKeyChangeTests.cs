using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Identity.PeopleTestData;

namespace Hub.IntegrationTests.Identity;

public sealed class PeopleKeyChangeTests(HubApp app) : IClassFixture<HubApp>
{
    private async Task<(HttpClient Client, string ClientId)> Platform() =>
        await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleRead, HubScopes.PeopleWrite);

    private static async Task<string> RegisterAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/people", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
    }

    [Fact]
    public async Task Merge_TwoRecordsOfOnePerson_MergedIdResolvesToSurvivorAndIsAnnouncedAsKeyChange()
    {
        var (client, _) = await Platform();
        var id = NewIdNumber();
        var survivor = await RegisterAsync(client, new { localId = "a-1", name = "周八", roles = new[] { 1 }, regionCode = "440305" });
        var duplicate = await RegisterAsync(client, Registration(id, name: "周八", localId: "a-2", roles: [2]));

        using var merge = await client.PostAsJsonAsync("/api/v1/people/merge", new { survivorHubId = survivor, mergedHubId = duplicate });
        var viaAlias = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{duplicate}");
        using var again = await client.PostAsJsonAsync("/api/v1/people", Registration(id, name: "周八", localId: "a-3"));

        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Equal(survivor, viaAlias.GetProperty("hubId").GetString());
        Assert.Equal([1, 2], viaAlias.GetProperty("roles").EnumerateArray().Select(r => r.GetInt32()));
        Assert.NotNull(viaAlias.GetProperty("document").GetProperty("numberMasked").GetString()); // the survivor took the document
        Assert.Equal(survivor, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<KeyChange>()
            .AnyAsync(k => k.Kind == KeyChangeKind.Merged && k.MergedHubId == duplicate));
    }

    [Fact]
    public async Task Merge_IntoItself_Returns400()
    {
        var (client, _) = await Platform();
        var hubId = await RegisterAsync(client, Registration(NewIdNumber()));

        using var merge = await client.PostAsJsonAsync("/api/v1/people/merge", new { survivorHubId = hubId, mergedHubId = hubId });

        Assert.Equal(HttpStatusCode.BadRequest, merge.StatusCode);
        Assert.Equal("HUB-ID-0062", (await merge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task CorrectDocument_TypoFixed_SameHubIdOldNumberNoLongerFindsThePerson()
    {
        var (client, _) = await Platform();
        var wrong = NewIdNumber();
        var right = NewIdNumber();
        var hubId = await RegisterAsync(client, Registration(wrong));

        using var correct = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/document", new { type = (int)DocumentType.ResidentIdCard, number = right });
        using var byNew = await client.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = right } });
        using var byOld = await client.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = wrong } });

        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        Assert.Equal(hubId, (await byNew.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hubId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byOld.StatusCode);
    }

    [Fact]
    public async Task CorrectDocument_NumberOfAnotherPerson_Returns409AndChangesNothing()
    {
        var (client, _) = await Platform();
        var taken = NewIdNumber();
        await RegisterAsync(client, Registration(taken));
        var mine = NewIdNumber();
        var hubId = await RegisterAsync(client, Registration(mine));

        using var correct = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/document", new { type = 1, number = taken });
        using var byMine = await client.PostAsJsonAsync("/api/v1/people/lookup", new { document = new { type = 1, number = mine } });

        Assert.Equal(HttpStatusCode.Conflict, correct.StatusCode);
        Assert.Equal(hubId, (await byMine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hubId").GetString());
    }

    [Fact]
    public async Task ReviewCase_AcceptedByJurisdictionAdmin_RenamesThePerson()
    {
        var (client, _) = await Platform();
        var id = NewIdNumber();
        var hubId = await RegisterAsync(client, Registration(id, name: "吴九"));
        using var conflict = await client.PostAsJsonAsync("/api/v1/people", Registration(id, name: "吴玖"));
        var caseId = (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewCaseId").GetInt64();
        var (beijing, _) = await PlatformClients.CreateAsync(app, "110000", HubScopes.PeopleRead, HubScopes.PeopleWrite);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/identity/reviews");
        using var outside = await beijing.PostAsync(new Uri($"/api/v1/identity/reviews/{caseId}/accept", UriKind.Relative), null);
        using var accept = await client.PostAsync(new Uri($"/api/v1/identity/reviews/{caseId}/accept", UriKind.Relative), null);
        using var twice = await client.PostAsync(new Uri($"/api/v1/identity/reviews/{caseId}/reject", UriKind.Relative), null);
        var person = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{hubId}");

        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetInt64() == caseId && c.GetProperty("currentName").GetString() == "吴九");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accept.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("吴玖", person.GetProperty("name").GetString());
    }
}
