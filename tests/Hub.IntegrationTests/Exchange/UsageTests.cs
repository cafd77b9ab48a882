using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Catalog;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Space;
using Hub.Server.Usage;
using Microsoft.EntityFrameworkCore;

namespace Hub.IntegrationTests.Exchange;

/// <summary>Usage events over the real broker: idempotent by event id, aggregated per resource, school, region and day; scoped queries; the person's own history.</summary>
public sealed class UsageTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly CatalogWorld _catalog = new(app);
    private readonly SpaceWorld _space = new(app);

    private static UsageRecorded Batch(TestPlatform platform, IEnumerable<UsageEvent> events) =>
        new(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion, [.. events], DateTimeOffset.UtcNow);

    private static UsageEvent Event(Random random, string person, string resource)
    {
        var type = new[] { "view", "download", "favourite", "rate", "complete", "time_spent" }[random.Next(6)];
        return new UsageEvent(Guid.NewGuid(), type, person, new UsageResource(resource, null, null),
            DateTimeOffset.UtcNow.AddMinutes(-random.Next(0, 3 * 24 * 60)), type == "rate" ? random.Next(1, 6) : null,
            type == "time_spent" ? random.Next(1, 3600) : null, type == "favourite" ? random.Next(2) == 0 : null, type == "complete" ? 100 : null);
    }

    [Fact]
    public async Task UsageRecorded_EveryEventTwiceInShuffledBatches_AggregatesExactlyOnce()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var school = await _space.SchoolAsync("440305");
        var people = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var hubId = await _space.PersonAsync("440305", roles: 0);
            await _space.AffiliateAsync(hubId, school, 0, "1");
            people.Add(hubId);
        }
        var resources = new[] { await _catalog.ApprovedAsync(), await _catalog.ApprovedAsync() };
        var random = new Random(61124);
        var events = Enumerable.Range(0, 300).Select(_ => Event(random, people[random.Next(people.Count)], resources[random.Next(2)])).ToList();
        // Every event twice, in different batches and positions; some batches delivered twice under the same message id.
        var shuffled = events.Concat(events).OrderBy(_ => random.Next()).ToList();
        var batches = shuffled.Chunk(70).Select(c => Batch(platform, c)).ToList();
        var answers = new List<Guid>();
        foreach (var batch in batches)
        {
            var id = await platform.SendAsync(batch);
            if (random.Next(3) == 0)
            {
                await platform.SendAsync(batch, id);
            }
            answers.Add(batch.BatchId);
        }
        var accepted = 0;
        foreach (var batchId in answers)
        {
            var answer = await platform.ReceiveAsync<UsageAccepted>(a => a.BatchId == batchId);
            Assert.Empty(answer.Rejected);
            accepted += answer.Accepted;
        }

        Assert.Equal(events.Count, accepted);
        var daily = await _space.DbAsync(db => db.Set<UsageDaily>().Where(d => d.SchoolCode == school).ToListAsync());
        Assert.Equal(events.Count, daily.Sum(d => d.Events));
        Assert.Equal(events.Count(e => e.Type == "view"), daily.Sum(d => d.Views));
        Assert.Equal(events.Count(e => e.Type == "favourite" && e.Favourite == true) - events.Count(e => e.Type == "favourite" && e.Favourite == false),
            daily.Sum(d => d.Favourites));
        Assert.Equal(events.Where(e => e.Type == "rate").Sum(e => e.Rating!.Value), daily.Sum(d => d.RatingSum));
        Assert.Equal(events.Where(e => e.Type == "time_spent").Sum(e => e.Seconds!.Value), daily.Sum(d => d.Seconds));
        Assert.All(daily, d => Assert.Equal("440305", d.RegionCode));
        var perDay = events.GroupBy(e => DateOnly.FromDateTime(e.OccurredAt.UtcDateTime.AddHours(8))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(perDay.OrderBy(p => p.Key), daily.GroupBy(d => d.Day).Select(g => KeyValuePair.Create(g.Key, (int)g.Sum(d => d.Events))).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task UsageRecorded_RepeatsInOneBatchAndOfStoredEvents_CountOnceAndAreReportedAsDuplicates()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var school = await _space.SchoolAsync("440305");
        var person = await _space.PersonAsync("440305", roles: 0);
        await _space.AffiliateAsync(person, school, 0, "1");
        var resource = await _catalog.ApprovedAsync();
        var random = new Random(61125);
        var stored = Enumerable.Range(0, 20).Select(_ => Event(random, person, resource) with { Type = "view", Rating = null, Seconds = null, Favourite = null, Progress = null }).ToList();
        var first = Batch(platform, stored);
        await platform.SendAsync(first);
        Assert.Equal(20, (await platform.ReceiveAsync<UsageAccepted>(a => a.BatchId == first.BatchId)).Accepted);

        // 10 new events, each of them twice in the batch, and 5 already stored: the insert falls back to skipping repeats.
        var fresh = Enumerable.Range(0, 10).Select(_ => stored[0] with { EventId = Guid.NewGuid() }).ToList();
        var second = Batch(platform, [.. fresh, .. fresh, .. stored.Take(5)]);
        await platform.SendAsync(second);
        var answer = await platform.ReceiveAsync<UsageAccepted>(a => a.BatchId == second.BatchId);

        Assert.Equal(10, answer.Accepted);
        Assert.Equal(15, answer.Duplicates);
        Assert.Empty(answer.Rejected);
        var daily = await _space.DbAsync(db => db.Set<UsageDaily>().Where(d => d.SchoolCode == school).ToListAsync());
        Assert.Equal(30, daily.Sum(d => d.Views));
        Assert.Equal(30, await _space.DbAsync(db => db.Set<UsageEventRow>().CountAsync(e => e.SchoolCode == school)));
    }

    [Fact]
    public async Task UsageRecorded_BadEvents_AreRejectedWithTheirReasonAndTheRestCounted()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var person = await _space.PersonAsync("440305");
        var resource = await _catalog.ApprovedAsync();
        var good = new UsageEvent(Guid.NewGuid(), "view", person, new UsageResource(resource, null, null), DateTimeOffset.UtcNow, null, null, null, null);
        var batch = Batch(platform, [good,
            good with { EventId = Guid.NewGuid(), Person = "P0000000000000000" },
            good with { EventId = Guid.NewGuid(), Resource = new UsageResource("R0000000000000000", null, null) },
            good with { EventId = Guid.NewGuid(), Type = "rate" },
            good with { EventId = Guid.NewGuid(), Type = "sleep" },
            good with { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow.AddDays(3) }]);

        await platform.SendAsync(batch);
        var answer = await platform.ReceiveAsync<UsageAccepted>(a => a.BatchId == batch.BatchId);

        Assert.Equal(1, answer.Accepted);
        Assert.Equal(["HUB-USE-0002", "HUB-USE-0003", "HUB-USE-0004", "HUB-USE-0005", "HUB-USE-0006"], answer.Rejected.Select(r => r.Code).Order());
    }

    [Fact]
    public async Task Queries_AreScopedToTheJurisdiction_ExportAsCsv_AndThePersonSeesTheirOwnHistory()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var school = await _space.SchoolAsync("440305");
        var person = await _space.PersonAsync("440305");
        await _space.AffiliateAsync(person, school, 0, "3");
        var resource = await _catalog.ApprovedAsync(CatalogWorld.Record(title: "勾股定理微课", subject: "mathematics"));
        var provider = (await _catalog.PlatformWithIdAsync("440305")).Id;
        var batch = Batch(platform, Enumerable.Range(0, 5).Select(i => new UsageEvent(Guid.NewGuid(), i == 0 ? "complete" : "view", person,
            new UsageResource(null, provider, null), DateTimeOffset.UtcNow, null, null, null, i == 0 ? 100 : null)));
        // Refer to the resource by provider and sourceId this time.
        var sourceId = await _space.DbAsync(db => db.Set<Hub.Server.Catalog.CatalogResource>().Where(r => r.ResourceId == resource).Select(r => r.SourceId).SingleAsync());
        batch = batch with { Events = [.. batch.Events.Select(e => e with { Resource = e.Resource with { SourceId = sourceId } })] };
        await platform.SendAsync(batch);
        Assert.Equal(5, (await platform.ReceiveAsync<UsageAccepted>(a => a.BatchId == batch.BatchId)).Accepted);

        var county = await (await _catalog.PlatformAsync("440305")).GetFromJsonAsync<JsonElement>($"/api/v1/usage/resources?resourceId={resource}");
        var other = await (await _catalog.PlatformAsync("440100")).GetFromJsonAsync<JsonElement>($"/api/v1/usage/resources?resourceId={resource}");
        var schools = await (await _catalog.PlatformAsync("440300")).GetFromJsonAsync<JsonElement>($"/api/v1/usage/schools?resourceId={resource}");
        var regions = await (await _catalog.PlatformAsync("440000")).GetFromJsonAsync<JsonElement>($"/api/v1/usage/regions?resourceId={resource}");
        var teaching = await (await _catalog.PlatformAsync(null)).GetFromJsonAsync<JsonElement>($"/api/v1/usage/teaching?resourceId={resource}");
        using var csv = await (await _catalog.PlatformAsync("440305")).GetAsync($"/api/v1/usage/resources?resourceId={resource}&format=csv");

        var line = Assert.Single(county.GetProperty("lines").EnumerateArray());
        Assert.Equal((resource, 4L, 1L), (line.GetProperty("key").GetString(), line.GetProperty("totals").GetProperty("views").GetInt64(),
            line.GetProperty("totals").GetProperty("completions").GetInt64()));
        Assert.Empty(other.GetProperty("lines").EnumerateArray());
        Assert.Equal(school, Assert.Single(schools.GetProperty("lines").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("440300", Assert.Single(regions.GetProperty("lines").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("mathematics/junior", Assert.Single(teaching.GetProperty("lines").EnumerateArray()).GetProperty("key").GetString());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains("勾股定理微课", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        var token = await _space.TokenAsync(person);
        var history = await token.GetFromJsonAsync<JsonElement>("/api/v1/space/usage");
        Assert.Equal(5, history.GetArrayLength());
        var export = await token.GetFromJsonAsync<JsonElement>("/api/v1/space/export?format=json");
        Assert.Contains("勾股定理微课", export.GetRawText(), StringComparison.Ordinal);

        // The space page shows the latest records.
        using var browser = new Hub.IntegrationTests.Oidc.UserFlow(app).NewBrowser();
        var (login, loginPage) = await browser.GetAsync(new Uri("http://localhost/account/login"));
        await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = person, ["password"] = SpaceWorld.Password });
        var (_, spacePage) = await browser.GetAsync(new Uri("http://localhost/space"));
        var section = spacePage[spacePage.IndexOf("id=\"usage-history\"", StringComparison.Ordinal)..];
        Assert.Contains("勾股定理微课", section, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(section[..section.IndexOf("</section>", StringComparison.Ordinal)], "<tr class=\"usage\">"));
        Assert.Contains("学完", section, StringComparison.Ordinal);
    }
}
