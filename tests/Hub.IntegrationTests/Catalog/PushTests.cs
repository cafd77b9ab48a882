using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Space;
using Hub.Server.Catalog.Push;
using Microsoft.EntityFrameworkCore;

namespace Hub.IntegrationTests.Catalog;

/// <summary>Pushes resolved when a space is read: target kinds, roles, the person's own marks, withdrawal, procurement.</summary>
public sealed class PushTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly CatalogWorld _catalog = new(app);
    private readonly SpaceWorld _space = new(app);

    private async Task PushAsync(string? region, string id, object target, int[]? roles = null)
    {
        using var response = await (await _catalog.PlatformAsync(region)).PostAsJsonAsync($"/api/v1/resources/{id}/pushes", new { target, roles });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> InboxAsync(HttpClient person, string query = "")
    {
        var page = await person.GetFromJsonAsync<JsonElement>("/api/v1/space/resources?limit=100" + query);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<string>> IdsAsync(HttpClient person, string query = "") =>
        [.. (await InboxAsync(person, query)).Select(i => i.GetProperty("resourceId").GetString()!)];

    [Fact]
    public async Task Push_ToProvince_ReachesEveryoneBelowItWithOneRowAndNobodyElsewhere()
    {
        var (id, cityOnly) = (await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync());
        var nanshan = await _space.TokenAsync(await _space.PersonAsync("440305"));
        var guangzhou = await _space.TokenAsync(await _space.PersonAsync("440106"));
        var perPersonRows = await _space.DbAsync(db => db.Set<ResourceSpaceState>().CountAsync());

        await PushAsync("440000", id, new { kind = "region", regionCode = "440000" });
        await PushAsync("440300", cityOnly, new { kind = "region", regionCode = "440300" });

        Assert.Contains(id, await IdsAsync(nanshan));
        Assert.Contains(id, await IdsAsync(guangzhou));
        Assert.Contains(cityOnly, await IdsAsync(nanshan));
        Assert.DoesNotContain(cityOnly, await IdsAsync(guangzhou));
        Assert.Equal(1, await _space.DbAsync(db => db.Set<ResourcePush>().CountAsync(p => db.Set<Hub.Server.Catalog.CatalogResource>().Any(r => r.Id == p.ResourceId && r.ResourceId == id))));
        Assert.Equal(perPersonRows, await _space.DbAsync(db => db.Set<ResourceSpaceState>().CountAsync()));
        var overview = await nanshan.GetFromJsonAsync<JsonElement>("/api/v1/space");
        Assert.True(overview.GetProperty("resourceInbox").GetProperty("items").GetInt32() >= 1);
    }

    [Fact]
    public async Task Push_ToSchoolClassRoleAndPerson_ReachesExactlyThoseTargets()
    {
        var school = await _space.SchoolAsync("440305");
        var (teacher, student2, student3, outsider) = (await _space.PersonAsync("440305", "周老师", 1), await _space.PersonAsync("440305", "二班学生", 0),
            await _space.PersonAsync("440305", "三班学生", 0), await _space.PersonAsync("440305", "校外人员", 0));
        await _space.AffiliateAsync(teacher, school, 1, "2");
        await _space.AffiliateAsync(student2, school, 0, "2");
        await _space.AffiliateAsync(student3, school, 0, "3");
        var (forSchoolTeachers, forClass, forPerson) = (await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync());

        await PushAsync("440305", forSchoolTeachers, new { kind = "school", schoolCode = school }, [1]);
        await PushAsync("440305", forClass, new { kind = "class", schoolCode = school, classCode = "2" });
        await PushAsync("440305", forPerson, new { kind = "person", hubId = outsider });

        var seen = new Dictionary<string, List<string>>();
        foreach (var (name, hubId) in new[] { ("teacher", teacher), ("student2", student2), ("student3", student3), ("outsider", outsider) })
        {
            seen[name] = await IdsAsync(await _space.TokenAsync(hubId));
        }
        Assert.Equal(new[] { forClass, forSchoolTeachers }.Order(), seen["teacher"].Intersect([forSchoolTeachers, forClass, forPerson]).Order());
        Assert.Equal([forClass], seen["student2"].Intersect([forSchoolTeachers, forClass, forPerson]));
        Assert.Empty(seen["student3"].Intersect([forSchoolTeachers, forClass, forPerson]));
        Assert.Equal([forPerson], seen["outsider"].Intersect([forSchoolTeachers, forClass, forPerson]));
    }

    [Fact]
    public async Task Inbox_PagedByKeyset_ShowsEachResourceOnceAtItsNewestPushWithoutRepeatsOrGaps()
    {
        var person = await _space.PersonAsync("440305");
        var token = await _space.TokenAsync(person);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _catalog.ApprovedAsync());
            await PushAsync(null, ids[^1], new { kind = "person", hubId = person });
        }
        // Pushed again: it moves to the top, once. Dismissed: it leaves the inbox.
        await PushAsync(null, ids[0], new { kind = "person", hubId = person });
        using (var dismissed = await token.PutAsJsonAsync($"/api/v1/space/resources/{ids[2]}", new { dismissed = true }))
        {
            dismissed.EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await token.GetFromJsonAsync<JsonElement>("/api/v1/space/resources?limit=2" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("resourceId").GetString()!).ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal([ids[0], ids[4], ids[3], ids[1]], seen.Where(ids.Contains));
    }

    [Fact]
    public async Task Marks_DismissSaveRate_AreThePersonsOwnAndOnlyForPushedResources()
    {
        var (kept, dismissed, notPushed) = (await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync());
        var me = await _space.PersonAsync("440305");
        var other = await _space.TokenAsync(await _space.PersonAsync("440305"));
        await PushAsync("440305", kept, new { kind = "person", hubId = me });
        await PushAsync("440305", dismissed, new { kind = "person", hubId = me });
        var person = await _space.TokenAsync(me);

        using var save = await person.PutAsJsonAsync($"/api/v1/space/resources/{kept}", new { saved = true, rating = 4 });
        using var dismiss = await person.PutAsJsonAsync($"/api/v1/space/resources/{dismissed}", new { dismissed = true });
        using var badRating = await person.PutAsJsonAsync($"/api/v1/space/resources/{kept}", new { rating = 6 });
        using var foreign = await person.PutAsJsonAsync($"/api/v1/space/resources/{notPushed}", new { saved = true });
        using var othersItem = await other.PutAsJsonAsync($"/api/v1/space/resources/{kept}", new { saved = true });

        save.EnsureSuccessStatusCode();
        dismiss.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersItem.StatusCode);
        var inbox = await InboxAsync(person);
        var item = Assert.Single(inbox, i => i.GetProperty("resourceId").GetString() == kept);
        Assert.True(item.GetProperty("saved").GetBoolean());
        Assert.Equal(4, item.GetProperty("rating").GetInt32());
        Assert.DoesNotContain(inbox, i => i.GetProperty("resourceId").GetString() == dismissed);
        Assert.Equal([kept], await IdsAsync(person, "&saved=true"));
    }

    [Fact]
    public async Task Withdrawal_OfAResourceOrAPush_EmptiesItFromEverySpaceAtOnce()
    {
        var (resource, pushed) = (await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync());
        var person = await _space.TokenAsync(await _space.PersonAsync("440305"));
        await PushAsync("440300", resource, new { kind = "region", regionCode = "440300" });
        await PushAsync("440300", pushed, new { kind = "region", regionCode = "440300" });
        Assert.Contains(resource, await IdsAsync(person));

        using var withdrawn = await (await _catalog.PlatformAsync("440305")).PostAsJsonAsync($"/api/v1/resources/{resource}/withdraw", new { reason = "内容有误" });
        var pushId = await _space.DbAsync(db => db.Set<ResourcePush>().Where(p => p.RegionCode == "440300").OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
        using var pulled = await (await _catalog.PlatformAsync("440300")).PostAsync($"/api/v1/resources/pushes/{pushId}/withdraw", null);

        withdrawn.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, pulled.StatusCode);
        var ids = await IdsAsync(person);
        Assert.DoesNotContain(resource, ids);
        Assert.DoesNotContain(pushed, ids);
    }

    [Fact]
    public async Task Push_OutsideJurisdictionOrOfAPendingResource_IsRefused()
    {
        var pending = await _catalog.SubmitAsync("440305", CatalogWorld.Record());
        var approved = await _catalog.ApprovedAsync();
        var county = await _catalog.PlatformAsync("440305");

        using var outside = await county.PostAsJsonAsync($"/api/v1/resources/{approved}/pushes", new { target = new { kind = "region", regionCode = "440000" } });
        using var notApproved = await county.PostAsJsonAsync($"/api/v1/resources/{pending}/pushes", new { target = new { kind = "region", regionCode = "440305" } });

        Assert.Equal("HUB-RES-0024", (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, notApproved.StatusCode);
    }

    [Fact]
    public async Task Procurement_OfAPaidResource_MakesItFreeInsideTheProcuringRegionOnly()
    {
        var id = await _catalog.ApprovedAsync(CatalogWorld.Record(title: "付费同步课", level: "province", region: "440000", licence: "paid", price: 9.9m), "440000");
        var shenzhen = await _space.TokenAsync(await _space.PersonAsync("440305"));
        var guangzhou = await _space.TokenAsync(await _space.PersonAsync("440106"));
        await PushAsync("440000", id, new { kind = "region", regionCode = "440000" });
        string Access(List<JsonElement> items) => items.Single(i => i.GetProperty("resourceId").GetString() == id).GetProperty("access").GetString()!;
        Assert.Equal("paid", Access(await InboxAsync(shenzhen)));

        using var bought = await (await _catalog.PlatformAsync("440300")).PostAsJsonAsync($"/api/v1/resources/{id}/procurements", new
        {
            regionCode = "440300", fundSource = "special_fund", amount = 120000m, validFrom = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1),
            validTo = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1),
        });
        using var badFund = await (await _catalog.PlatformAsync("440300")).PostAsJsonAsync($"/api/v1/resources/{id}/procurements", new
        {
            regionCode = "440300", fundSource = "lottery", amount = 1m, validFrom = "2026-01-01", validTo = "2026-12-31",
        });

        Assert.True(bought.IsSuccessStatusCode, await bought.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badFund.StatusCode);
        Assert.Equal("procured", Access(await InboxAsync(shenzhen)));
        Assert.Equal("paid", Access(await InboxAsync(guangzhou)));
    }
}
