using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Identity.SignIn;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hub.IntegrationTests.Organizations.OrganizationTestData;

namespace Hub.IntegrationTests.Space;

/// <summary>
/// People, schools, affiliations and guardian links made through the hub's own APIs (a provincial platform of 广东),
/// and person access tokens with the <c>space</c> scope obtained through the real sign-in and consent flow.
/// </summary>
internal sealed class SpaceWorld(HubApp app)
{
    public const string Password = UserFlow.Password;
    private HttpClient? _platform;
    private (string Id, string Secret)? _vendor;

    /// <summary>The provincial platform (440000) with people, organization and announcement scopes.</summary>
    public async Task<HttpClient> PlatformAsync() => _platform ??= (await PlatformClients.CreateAsync(app, "440000",
        HubScopes.PeopleWrite, HubScopes.PeopleRead, HubScopes.OrganizationsWrite, HubScopes.OrganizationsRead, HubScopes.SpaceAnnounce)).Client;

    public async Task<string> PersonAsync(string region = "440305", string name = "张三", params int[] roles)
    {
        var platform = await PlatformAsync();
        using var response = await platform.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(region), name, region, roles: roles.Length == 0 ? [0] : roles));
        response.EnsureSuccessStatusCode();
        var hubId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Person>().Where(p => p.HubId == hubId).Select(p => p.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<CredentialService>().SetPasswordAsync(id, Password, default);
        return hubId;
    }

    public async Task<string> SchoolAsync(string region = "440305", bool guardiansMayView = false)
    {
        var platform = await PlatformAsync();
        var code = NewSchoolCode(region);
        using var created = await platform.PostAsJsonAsync("/api/v1/organizations/schools", School(code, region));
        created.EnsureSuccessStatusCode();
        if (guardiansMayView)
        {
            using var set = await platform.PutAsJsonAsync($"/api/v1/organizations/schools/{code}/space-settings", new { guardianSpaceAccess = true });
            set.EnsureSuccessStatusCode();
        }
        return code;
    }

    /// <summary>Replaces the person's affiliations with one at <paramref name="school"/> (role, optional class), valid from a year ago.</summary>
    public async Task AffiliateAsync(string hubId, string school, int role, string? classCode = null)
    {
        var platform = await PlatformAsync();
        using var response = await platform.PutAsJsonAsync($"/api/v1/people/{hubId}/affiliations",
            new[] { new { organizationCode = school, role, classCode, validFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1) } });
        response.EnsureSuccessStatusCode();
    }

    public async Task LinkAsync(string parentHubId, params string[] studentHubIds)
    {
        var platform = await PlatformAsync();
        using var response = await platform.PutAsJsonAsync($"/api/v1/people/{parentHubId}/guardians", new { studentHubIds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An HttpClient carrying the person's own access token (scope "openid space"), as a space app would hold.</summary>
    public async Task<HttpClient> TokenAsync(string hubId)
    {
        var flow = new UserFlow(app);
        _vendor ??= await flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.Space);
        var tokens = await flow.SignInAsync(_vendor.Value.Id, _vendor.Value.Secret, hubId, "openid space");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        return client;
    }

    public async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    public static MultipartFormDataContent File(byte[] content, string name = "作业.txt", string category = "homework", string type = "text/plain")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return new MultipartFormDataContent { { file, "file", name }, { new StringContent(category), "category" } };
    }
}
