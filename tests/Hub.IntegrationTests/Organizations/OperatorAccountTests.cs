using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Hub.Server.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Organizations;

public sealed class OperatorAccountTests(HubApp app) : IClassFixture<HubApp>
{
    private async Task<string> NewPersonAsync(string region)
    {
        var (client, _) = await PlatformClients.CreateAsync(app, region[..4] + "00", HubScopes.PeopleWrite);
        using var response = await client.PostAsJsonAsync("/api/v1/people",
            PeopleTestData.Registration(PeopleTestData.NewIdNumber(region), region: region, localId: Guid.NewGuid().ToString("N")));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("hubId").GetString()!;
    }

    [Fact]
    public async Task Grant_CityAdminMakesCountyAdmin_SessionCarriesCountyScopeAndPermissions()
    {
        var (city, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.OperatorsManage, HubScopes.OrganizationsRead);
        var hubId = await NewPersonAsync("440305");

        using var response = await city.PostAsJsonAsync("/api/v1/operators",
            new { hubId, regionCode = "440305", permissions = new[] { HubScopes.OrganizationsRead } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var session = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", hubId)], "Cookies"));
        var caller = await scope.ServiceProvider.GetRequiredService<OperatorSessions>().FindAsync(session, default);
        Assert.NotNull(caller);
        Assert.Equal("county", caller.Level.ToString().ToLowerInvariant());
        Assert.True(caller.Scope.Contains("440305"));
        Assert.False(caller.Scope.Contains("440306"));
        Assert.True(caller.HasScope(HubScopes.OrganizationsRead));
        Assert.False(caller.HasScope(HubScopes.OperatorsManage));
    }

    [Fact]
    public async Task Grant_EveryPermissionTheGranterHolds_Returns201AndListsThem()
    {
        var (national, _) = await PlatformClients.CreateAsync(app, null, [.. HubScopes.Api]);
        var hubId = await NewPersonAsync("440305");

        using var response = await national.PostAsJsonAsync("/api/v1/operators", new { hubId, regionCode = "440000", permissions = HubScopes.Api });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HubScopes.Api.Length, body.GetProperty("permissions").GetArrayLength());
        Assert.Equal("province", body.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("440100", "orgs:read", "regionCode")]
    [InlineData("440305", "pilot:decide", "permissions")]
    [InlineData("", "orgs:read", "regionCode")]
    public async Task Grant_BeyondWhatTheGranterHolds_Returns400NamingTheField(string region, string permission, string field)
    {
        var (city, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.OperatorsManage, HubScopes.OrganizationsRead);
        var hubId = await NewPersonAsync("440305");

        using var response = await city.PostAsJsonAsync("/api/v1/operators", new { hubId, regionCode = region, permissions = new[] { permission } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        var list = await city.GetFromJsonAsync<JsonElement>("/api/v1/operators");
        Assert.DoesNotContain(list.EnumerateArray(), o => o.GetProperty("hubId").GetString() == hubId);
    }

    [Fact]
    public async Task Revoke_AccountOfAnotherCity_Returns404()
    {
        var (shenzhen, _) = await PlatformClients.CreateAsync(app, "440300", HubScopes.OperatorsManage, HubScopes.OrganizationsRead);
        var (guangzhou, _) = await PlatformClients.CreateAsync(app, "440100", HubScopes.OperatorsManage);
        var hubId = await NewPersonAsync("440305");
        using var granted = await shenzhen.PostAsJsonAsync("/api/v1/operators", new { hubId, regionCode = "440305", permissions = new[] { HubScopes.OrganizationsRead } });

        using var revoke = await guangzhou.DeleteAsync($"/api/v1/operators/{hubId}");
        using var own = await shenzhen.DeleteAsync($"/api/v1/operators/{hubId}");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }
}
