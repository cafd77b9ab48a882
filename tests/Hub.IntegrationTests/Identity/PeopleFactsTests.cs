using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Identity.SignIn;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using static Hub.IntegrationTests.Identity.PeopleTestData;

namespace Hub.IntegrationTests.Identity;

public sealed class PeopleFactsTests(HubApp app) : IClassFixture<HubApp>
{
    private async Task<HttpClient> Platform() =>
        (await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleRead, HubScopes.PeopleWrite)).Client;

    private static async Task<string> RegisterAsync(HttpClient client, string name, params int[] roles)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/people", Registration(NewIdNumber(), name: name, roles: roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
    }

    [Fact]
    public async Task Guardians_ParentAndStudent_AppearInOidcClaimsAsPairwiseIdsWithAffiliations()
    {
        var client = await Platform();
        var flow = new UserFlow(app);
        var (parentId, _) = await flow.CreatePersonAsync("郑十");
        await client.PostAsJsonAsync("/api/v1/people", new { localId = "upgrade-" + parentId, name = "郑十", roles = new[] { 2 }, regionCode = "440305" });
        using (var promote = await client.PostAsJsonAsync("/api/v1/people/merge", new { survivorHubId = parentId, mergedHubId = await LinkAsync(client, parentId) }))
        {
            // The parent role arrives by merging the parent-role registration into the signed-in person.
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        }
        var studentId = await RegisterAsync(client, "郑小十", 0);
        using var guardians = await client.PutAsJsonAsync($"/api/v1/people/{parentId}/guardians", new { studentHubIds = new[] { studentId } });
        using var affiliations = await client.PutAsJsonAsync($"/api/v1/people/{parentId}/affiliations",
            new[] { new { organizationCode = "2144030001", role = 2, validFrom = "2024-09-01" } });
        var (vendor, secret) = await flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.Guardian, HubScopes.Organization);

        var tokens = await flow.SignInAsync(vendor, secret, parentId, "openid guardian org");
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());

        Assert.Equal(HttpStatusCode.NoContent, guardians.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, affiliations.StatusCode);
        var students = JsonDocument.Parse(idToken.GetPayloadValue<JsonElement>(HubClaims.GuardianOf).GetRawText()).RootElement;
        var pairwise = Assert.Single(students.EnumerateArray()).GetString();
        Assert.StartsWith("v", pairwise, StringComparison.Ordinal);
        Assert.NotEqual(studentId, pairwise);
        Assert.Contains("2144030001", idToken.GetPayloadValue<JsonElement>(HubClaims.Affiliations).GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<string> LinkAsync(HttpClient client, string parentId)
    {
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/people?limit=1000");
        return found.GetProperty("items").EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == "郑十" && p.GetProperty("hubId").GetString() != parentId)
            .GetProperty("hubId").GetString()!;
    }

    [Fact]
    public async Task Guardians_PersonWithoutParentRole_Returns400()
    {
        var client = await Platform();
        var teacher = await RegisterAsync(client, "冯老师", 1);
        var student = await RegisterAsync(client, "冯同学", 0);

        using var response = await client.PutAsJsonAsync($"/api/v1/people/{teacher}/guardians", new { studentHubIds = new[] { student } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("HUB-ID-0065", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Verification_RecordedByPlatform_ShowsLevelWhoAndWhen()
    {
        var (client, clientId) = await PlatformClients.CreateAsync(app, "440300", HubScopes.PeopleRead, HubScopes.PeopleWrite);
        var hubId = await RegisterAsync(client, "陈核验", 1);

        using var set = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/verification", new { level = 1 });
        var person = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{hubId}");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var verification = person.GetProperty("verification");
        Assert.Equal("SchoolVerified", verification.GetProperty("level").GetString());
        Assert.Equal(clientId, verification.GetProperty("by").GetString());
        Assert.True(verification.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Status_SuspendedPerson_CannotSignInAndClosedCannotBeReopened()
    {
        var client = await Platform();
        var flow = new UserFlow(app);
        var (hubId, _) = await flow.CreatePersonAsync("褚停用");

        using var suspend = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/status", new { status = 1 });
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (result, _) = await scope.ServiceProvider.GetRequiredService<CredentialService>().VerifyAsync(hubId, UserFlow.Password, default);
        using var close = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/status", new { status = 3 });
        using var reopen = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/status", new { status = 0 });

        Assert.Equal(HttpStatusCode.NoContent, suspend.StatusCode);
        Assert.Equal(SignInResultKind.Failed, result);
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
    }

    [Fact]
    public async Task Password_SetByPlatform_PersonCanSignInAndAWeakOneIsRefused()
    {
        var client = await Platform();
        var hubId = await RegisterAsync(client, "吕新生", 0);

        using var weak = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/password", new { password = "12345678" });
        using var set = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/password", new { password = "Xue-sheng-2026" });
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var (result, person) = await scope.ServiceProvider.GetRequiredService<CredentialService>().VerifyAsync(hubId, "Xue-sheng-2026", default);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("HUB-ID-0070", (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(SignInResultKind.Succeeded, result);
        Assert.Equal(hubId, person?.HubId);
    }

    [Fact]
    public async Task Affiliations_EndBeforeStart_Returns400NamingTheItem()
    {
        var client = await Platform();
        var hubId = await RegisterAsync(client, "卫老师", 1);

        using var response = await client.PutAsJsonAsync($"/api/v1/people/{hubId}/affiliations",
            new[] { new { organizationCode = "2144030001", role = 1, validFrom = "2024-09-01", validTo = "2023-01-01" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[0].validFrom", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
