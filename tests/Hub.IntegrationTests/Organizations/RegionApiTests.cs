using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Organizations;

public sealed class RegionApiTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task GetRegion_County_ShowsProvinceAndCityAsAncestorsWithoutToken()
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/regions/440305");

        Assert.Equal("南山区", body.GetProperty("region").GetProperty("name").GetString());
        Assert.Equal(["440000", "440300"], body.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task GetRegion_RetiredCode_StillResolvesWithItsValidity()
    {
        var body = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/regions/110103");

        Assert.False(body.GetProperty("region").GetProperty("current").GetBoolean());
        Assert.Equal("2010-10-01", body.GetProperty("region").GetProperty("validTo").GetString());
    }

    [Fact]
    public async Task GetRegion_UnknownCode_Returns404()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/regions/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RegionsTable_AfterMigration_HoldsEveryCodeOfTheDataFileIncludingRetired()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var catalog = Hub.Server.Regions.RegionCatalog.Default;

        Assert.Equal(catalog.All.Count, await db.Set<Hub.Server.Regions.RegionRecord>().CountAsync());
        Assert.Equal(catalog.All.Count(r => !r.IsCurrent), await db.Set<Hub.Server.Regions.RegionRecord>().CountAsync(r => r.ValidTo != null));
    }
}
