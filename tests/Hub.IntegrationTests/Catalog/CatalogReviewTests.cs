using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Catalog;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Catalog;

/// <summary>Submission, content review at the origin level, aggregation up the region chain and withdrawal down it.</summary>
public sealed class CatalogReviewTests(HubApp app) : IClassFixture<HubApp>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly CatalogWorld _world = new(app);

    [Fact]
    public async Task Submit_ValidRecord_IsPendingAndInNoCatalogUntilReviewed()
    {
        var id = await _world.SubmitAsync("440305", CatalogWorld.Record());

        var resource = await (await _world.PlatformAsync("440305")).GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");

        Assert.Equal("pending", resource.GetProperty("review").GetProperty("status").GetString());
        Assert.DoesNotContain(id, await _world.SearchAsync("440305"));
        Assert.DoesNotContain(id, await _world.SearchAsync(null));
        Assert.Contains(id, await _world.SearchAsync("440305", "&status=pending"));
    }

    [Fact]
    public async Task Approve_AtCounty_VisibleInCityProvinceAndNationalCatalogsButNotInSiblingCounty()
    {
        var id = await _world.SubmitAsync("440305", CatalogWorld.Record());
        await _world.ReviewAsync("440305", id);

        Assert.Contains(id, await _world.SearchAsync("440305"));
        Assert.Contains(id, await _world.SearchAsync("440300"));
        Assert.Contains(id, await _world.SearchAsync("440000"));
        Assert.Contains(id, await _world.SearchAsync(null));
        Assert.DoesNotContain(id, await _world.SearchAsync("440304"));
        Assert.DoesNotContain(id, await _world.SearchAsync("440100"));
        using var sibling = await (await _world.PlatformAsync("440304")).GetAsync($"/api/v1/resources/{id}");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        // One row, whatever the number of catalogs it is in.
        Assert.Equal(1, await DbAsync(db => db.Set<CatalogResource>().CountAsync(r => r.ResourceId == id)));
    }

    [Fact]
    public async Task Approve_AtProvince_AvailableToCountiesBelowButNotToAnotherProvince()
    {
        var id = await _world.ApprovedAsync(CatalogWorld.Record(level: "province", region: "440000"), "440000");

        Assert.Contains(id, await _world.SearchAsync("440305"));
        Assert.Contains(id, await _world.SearchAsync("440100"));
        Assert.DoesNotContain(id, await _world.SearchAsync("110000"));
    }

    [Fact]
    public async Task Withdraw_ByProvider_LeavesEveryCatalogAtOnceAndTheFeedCarriesIt()
    {
        var id = await _world.ApprovedAsync();
        var national = await _world.PlatformAsync(null);
        var before = (await national.GetFromJsonAsync<JsonElement>("/api/v1/changes/resources-deletes?since=0&limit=1000")).GetProperty("items").GetArrayLength();

        using var withdrawn = await (await _world.PlatformAsync("440305")).PostAsJsonAsync($"/api/v1/resources/{id}/withdraw", new { reason = "教材版本更替" });

        withdrawn.EnsureSuccessStatusCode();
        foreach (var region in new[] { "440305", "440300", "440000", null })
        {
            Assert.DoesNotContain(id, await _world.SearchAsync(region));
        }
        var deletes = await national.GetFromJsonAsync<JsonElement>("/api/v1/changes/resources-deletes?since=0&limit=1000");
        Assert.Equal(before + 1, deletes.GetProperty("items").GetArrayLength());
        Assert.Contains(deletes.GetProperty("items").EnumerateArray(), i => i.GetProperty("key").GetString() == id);
        var changes = await (await _world.PlatformAsync("440300")).GetFromJsonAsync<JsonElement>("/api/v1/changes/resources?since=0&limit=1000");
        Assert.Contains(changes.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id
            && i.GetProperty("review").GetProperty("status").GetString() == "withdrawn");
    }

    [Fact]
    public async Task Review_OutsideJurisdiction_IsNotFoundAndAudited()
    {
        var id = await _world.SubmitAsync("440305", CatalogWorld.Record());

        using var response = await (await _world.PlatformAsync("440100")).PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await DbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.SubjectId == id && e.Outcome.StartsWith("denied"))));
        Assert.Equal(ResourceStatus.Pending, await DbAsync(db => db.Set<CatalogResource>().Where(r => r.ResourceId == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Review_ByHigherLevel_IsRefusedBecauseTheOriginLevelReviews()
    {
        var id = await _world.SubmitAsync("440305", CatalogWorld.Record());

        using var response = await (await _world.PlatformAsync("440000")).PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("HUB-RES-0022", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reject_WithReasons_IsRejectedAudited_AndWithoutReasonsIsInvalid()
    {
        var id = await _world.SubmitAsync("440305", CatalogWorld.Record());
        var county = await _world.PlatformAsync("440305");

        using var bare = await county.PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "reject" });
        using var rejected = await county.PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "reject", reasons = new[] { "视频画面不清晰" } });
        using var again = await county.PostAsJsonAsync($"/api/v1/resources/{id}/review", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var view = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", view.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal("视频画面不清晰", view.GetProperty("review").GetProperty("reasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True(await DbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.SubjectId == id && e.Action == "resource.review.reject")));
    }

    [Fact]
    public async Task Resubmit_MetadataOnlyKeepsApproval_ContentChangeGoesBackToReview()
    {
        var record = CatalogWorld.Record();
        var id = await _world.ApprovedAsync(record);
        var county = await _world.PlatformAsync("440305");

        using var renamed = await county.PostAsJsonAsync("/api/v1/resources", record with { Version = 2, Title = "春 朗读微课（修订）" });
        var afterRename = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        using var stale = await county.PostAsJsonAsync("/api/v1/resources", record with { Version = 1, Title = "旧标题" });
        using var newContent = await county.PostAsJsonAsync("/api/v1/resources", record with { Version = 3, Checksum = record.Checksum with { Value = new string('a', 64) } });

        Assert.Equal("approved", afterRename.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("pending", (await newContent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review").GetProperty("status").GetString());
        Assert.DoesNotContain(id, await _world.SearchAsync("440300"));
    }

    [Fact]
    public async Task Submit_InvalidMetadata_NamesEveryFieldAndStoresNothing()
    {
        var before = await DbAsync(db => db.Set<CatalogResource>().CountAsync());
        var bad = CatalogWorld.Record() with
        {
            Title = "", Subject = "astrology", Stage = "university", Grades = [0, 13], ResourceType = "hologram", Format = "mp4", Size = -1,
            Language = "Chinese", Licence = new Hub.Contracts.V1.ResourceLicence("paid", null, null), Origin = new Hub.Contracts.V1.ResourceOrigin("city", "440305", null),
            Location = new Hub.Contracts.V1.ResourceLocation("http://insecure.example.cn/x", null), Checksum = new Hub.Contracts.V1.ResourceChecksum("md5", "abc"),
        };

        using var response = await (await _world.PlatformAsync("440305")).PostAsJsonAsync("/api/v1/resources", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([("title", "HUB-RES-0003"), ("subject", "HUB-RES-0006"), ("stage", "HUB-RES-0007"), ("grades", "HUB-RES-0008"),
            ("resourceType", "HUB-RES-0010"), ("format", "HUB-RES-0011"), ("size", "HUB-RES-0012"), ("language", "HUB-RES-0013"),
            ("licence", "HUB-RES-0014"), ("origin", "HUB-RES-0016"), ("location.url", "HUB-RES-0017"), ("checksum", "HUB-RES-0018")], fields);
        Assert.Equal(before, await DbAsync(db => db.Set<CatalogResource>().CountAsync()));
    }

    [Fact]
    public async Task Submit_OriginOutsideJurisdictionOrUnknownSchool_IsRefused()
    {
        var county = await _world.PlatformAsync("440305");

        using var other = await county.PostAsJsonAsync("/api/v1/resources", CatalogWorld.Record(region: "440304"));
        using var school = await county.PostAsJsonAsync("/api/v1/resources", CatalogWorld.Record(level: "school", school: "2144999999"));

        Assert.Equal("origin", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("HUB-RES-0016", (await school.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Submit_OversizePayload_Is413AndStoresNothing()
    {
        var before = await DbAsync(db => db.Set<CatalogResource>().CountAsync());
        var json = JsonSerializer.Serialize(CatalogWorld.Record(description: new string('长', 40_000)), Web);

        using var response = await (await _world.PlatformAsync("440305")).PostAsync("/api/v1/resources", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await DbAsync(db => db.Set<CatalogResource>().CountAsync()));
    }

    private async Task<T> DbAsync<T>(Func<HubDbContext, Task<T>> query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }
}
