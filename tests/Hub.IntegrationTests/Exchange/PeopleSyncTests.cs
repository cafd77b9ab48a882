using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>People batches over the real broker and database: answers, version rule, reordering, rejection, dead letters.</summary>
public sealed class PeopleSyncTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task PeopleChanged_MixedBatch_AppliesValidRecordsAndRejectsTheBadOneWithItsReason()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var batch = platform.People(
            TestPlatform.Person("a1", 1, PeopleTestData.NewIdNumber()),
            TestPlatform.Person("a2", 1, PeopleTestData.NewIdNumber()),
            TestPlatform.Person("bad", 1, "440305199001011234"));
        await platform.SendAsync(batch);

        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId);

        Assert.Equal(["a1", "a2"], answer.Assigned.Select(a => a.Key).Order());
        Assert.All(answer.Assigned, a => Assert.Equal("created", a.Outcome));
        var rejected = Assert.Single(answer.Rejected);
        Assert.Equal(("bad", "document.number"), (rejected.Key, rejected.Field));
        Assert.StartsWith("HUB-ID-", rejected.Code, StringComparison.Ordinal);
        Assert.Equal(2, await LinksAsync(platform).CountAsync());
    }

    [Fact]
    public async Task PeopleChanged_EveryMessageTwiceInShuffledOrder_ConvergesToTheNewestVersions()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var ids = Enumerable.Range(0, 12).Select(_ => PeopleTestData.NewIdNumber()).ToArray();
        // Three versions of each person, each in its own batch; a removal (version 4) for the first three.
        var messages = new List<object>();
        for (var v = 1; v <= 3; v++)
        {
            messages.Add(platform.People([.. ids.Select((id, i) => TestPlatform.Person($"p{i}", v, id, name: v == 3 ? "李四" : "张三"))]));
        }
        messages.Add(new PeopleRemoved(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion,
            [.. Enumerable.Range(0, 3).Select(i => new EntityRemoval($"p{i}", 4, DateTimeOffset.UtcNow))], DateTimeOffset.UtcNow));
        var deliveries = messages.Select(m => (Message: m, Id: Guid.NewGuid())).SelectMany(d => new[] { d, d }).ToList();
        var random = new Random(20261124);
        foreach (var (message, id) in deliveries.OrderBy(_ => random.Next()))
        {
            await (message is PeopleChanged c ? platform.SendAsync(c, id) : platform.SendAsync((PeopleRemoved)message, id));
        }

        // The state that must converge: the live links and their versions. A removal that overtook every creation of
        // its person leaves no link at all (the hub recorded the removal and refused the older creations), one that
        // came later leaves a removed link: for the platform both mean "not linked".
        var live = await WaitForAsync(async () =>
        {
            var rows = await LinksAsync(platform).Where(l => l.RemovedAt == null).ToListAsync();
            return rows.Count == 9 && rows.All(l => l.SourceVersion == 3) ? rows : null;
        }, describe: async () => string.Join(" ", (await LinksAsync(platform).ToListAsync()).OrderBy(l => l.LocalId, StringComparer.Ordinal)
            .Select(l => $"{l.LocalId}:v{l.SourceVersion}{(l.RemovedAt is null ? "" : "(removed)")}")));
        await Task.Delay(1000); // anything still in flight would show up as a change below

        var final = await LinksAsync(platform).Where(l => l.RemovedAt == null).ToListAsync();
        Assert.Equal([.. Enumerable.Range(3, 9).Select(i => $"p{i}").Order()], final.Select(l => l.LocalId).Order().ToList());
        Assert.All(final, l => Assert.Equal(3, l.SourceVersion));
        Assert.Equal(live.Count, final.Count);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var personIds = final.Select(l => l.PersonId).ToList();
        Assert.Equal(9, await db.Set<Person>().CountAsync(p => personIds.Contains(p.Id) && p.Name == "李四"));
    }

    [Fact]
    public async Task PeopleChanged_OlderVersionAfterNewer_IsStaleAndChangesNothing()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var id = PeopleTestData.NewIdNumber();
        var newer = platform.People(TestPlatform.Person("s1", 5, id));
        await platform.SendAsync(newer);
        await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == newer.BatchId);
        var older = platform.People(TestPlatform.Person("s1", 2, id));
        await platform.SendAsync(older);

        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == older.BatchId);

        Assert.Equal("stale", Assert.Single(answer.Assigned).Outcome);
        Assert.Equal(5, (await LinksAsync(platform).SingleAsync()).SourceVersion);
    }

    [Fact]
    public async Task MalformedMessage_IsDeadLetteredWithReason_AndTheNextBatchIsStillApplied()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var bad = await platform.SendRawAsync(Encoding.UTF8.GetBytes("""{"messageType":["urn:message:Hub.Contracts.V1:PeopleChanged"],"message":{"changes":"not a list"}}"""), Guid.NewGuid());
        var good = platform.People(TestPlatform.Person("m1", 1, PeopleTestData.NewIdNumber()));
        await platform.SendAsync(good);

        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == good.BatchId);
        var letters = await WaitForAsync(async () =>
        {
            var all = await app.Factory.Services.GetRequiredService<Hub.Server.Exchange.Sync.DeadLetters>().ListAsync(100, CancellationToken.None);
            return all.FirstOrDefault(l => l.MessageId == bad.ToString()) is { } found ? found : null;
        });

        Assert.Single(answer.Assigned);
        Assert.False(string.IsNullOrWhiteSpace(letters.Reason));
    }

    [Fact]
    public async Task Message_ClaimingAnotherPlatform_IsIgnored()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        await using var other = await TestPlatform.ConnectAsync(app);
        var spoofed = new PeopleChanged(Guid.NewGuid(), other.Id, ExchangeNames.SchemaVersion,
            [TestPlatform.Person("x1", 1, PeopleTestData.NewIdNumber())], DateTimeOffset.UtcNow);
        await platform.SendAsync(spoofed);
        var genuine = platform.People(TestPlatform.Person("x2", 1, PeopleTestData.NewIdNumber()));
        await platform.SendAsync(genuine);

        await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == genuine.BatchId);

        Assert.Equal(["x2"], await LinksAsync(platform).Select(l => l.LocalId).ToListAsync());
        Assert.Empty(await LinksAsync(other).ToListAsync());
    }

    [Fact]
    public async Task ChangeFeed_PeopleOfTheJurisdiction_AppearAfterTheirVersion()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var before = await platform.Api.GetFromJsonAsync<JsonElement>("/api/v1/changes/people?since=0&limit=1");
        var batch = platform.People(TestPlatform.Person("f1", 1, PeopleTestData.NewIdNumber(), name: "王小明"));
        await platform.SendAsync(batch);
        var hubId = (await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId)).Assigned[0].HubId;

        var items = new List<JsonElement>();
        for (var since = 0L; ;)
        {
            var page = await platform.Api.GetFromJsonAsync<JsonElement>($"/api/v1/changes/people?since={since}&limit=1000");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
            since = items[^1].GetProperty("changeVersion").GetInt64();
        }

        Assert.Equal(JsonValueKind.Array, before.GetProperty("items").ValueKind);
        var item = Assert.Single(items, i => i.GetProperty("hubId").GetString() == hubId);
        Assert.Contains("*", item.GetProperty("document").GetProperty("numberMasked").GetString(), StringComparison.Ordinal);
        Assert.All(items, i => Assert.StartsWith("44", i.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
    }

    /// <summary>
    /// Two platforms registering the same people at the same moment: both batches find nobody, both insert, and the
    /// loser's unique violation sends its batch round again, where it finds the winner's people and links them.
    /// </summary>
    [Fact]
    public async Task PeopleChanged_TwoPlatformsRegisterTheSamePeopleAtOnce_OnePersonEachLinkedToBoth()
    {
        await using var a = await TestPlatform.ConnectAsync(app);
        await using var b = await TestPlatform.ConnectAsync(app);
        var ids = Enumerable.Range(0, 300).Select(_ => PeopleTestData.NewIdNumber()).ToArray();
        var fromA = a.People([.. ids.Select((id, i) => TestPlatform.Person($"a{i}", 1, id))]);
        var fromB = b.People([.. ids.Select((id, i) => TestPlatform.Person($"b{i}", 1, id))]);

        await Task.WhenAll(a.SendAsync(fromA), b.SendAsync(fromB));
        var answers = await Task.WhenAll(a.ReceiveAsync<IdentitiesAssigned>(x => x.BatchId == fromA.BatchId, seconds: 60),
            b.ReceiveAsync<IdentitiesAssigned>(x => x.BatchId == fromB.BatchId, seconds: 60));

        Assert.All(answers, answer => Assert.Empty(answer.Rejected));
        var hubIdsA = answers[0].Assigned.ToDictionary(x => x.Key[1..], x => x.HubId);
        var hubIdsB = answers[1].Assigned.ToDictionary(x => x.Key[1..], x => x.HubId);
        Assert.Equal(300, hubIdsA.Count);
        Assert.Equal(hubIdsA.OrderBy(x => x.Key), hubIdsB.OrderBy(x => x.Key));
        var linkedA = await LinksAsync(a).Select(l => l.PersonId).ToListAsync();
        var linkedB = await LinksAsync(b).Select(l => l.PersonId).ToListAsync();
        Assert.Equal(300, linkedA.Count);
        Assert.Equal(linkedA.Order(), linkedB.Order());
    }

    /// <summary>
    /// A batch inserts the links of keys it found unlinked without ON CONFLICT. A link of the same key committed meanwhile
    /// by another writer (here a transaction held open, as a registration through the API would be) makes the insert
    /// fail on the unique key; the batch goes round again and finds that link.
    /// </summary>
    [Fact]
    public async Task PeopleChanged_LinkOfTheSameKeyCommittedMeanwhile_BatchRetriesAndFindsThatLink()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var first = platform.People(TestPlatform.Person("owner", 1, PeopleTestData.NewIdNumber()));
        await platform.SendAsync(first);
        var owner = Assert.Single((await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == first.BatchId)).Assigned);
        var ownerId = (await LinksAsync(platform).SingleAsync(l => l.LocalId == "owner")).PersonId;
        var connectionString = app.Database.ConnectionString;
        await using var other = new Npgsql.NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var held = await other.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO person_links (platform_id, local_id, person_id, created_at, source_version) VALUES ($1, 'raced', $2, now(), 5)", other, held))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = platform.ClientId });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ownerId });
            await insert.ExecuteNonQueryAsync();
        }

        var batch = platform.People(TestPlatform.Person("raced", 1, PeopleTestData.NewIdNumber()), TestPlatform.Person("calm", 1, PeopleTestData.NewIdNumber()));
        await platform.SendAsync(batch);
        // The batch's insert waits on the held row's unique key; then the other writer commits.
        await WaitForAsync(async () => await WaitingOnLockAsync(connectionString) ? "waiting" : null);
        await held.CommitAsync();
        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId, seconds: 60);

        Assert.Empty(answer.Rejected);
        var raced = Assert.Single(answer.Assigned, a => a.Key == "raced");
        Assert.Equal(("stale", owner.HubId), (raced.Outcome, raced.HubId));
        Assert.Equal("created", Assert.Single(answer.Assigned, a => a.Key == "calm").Outcome);
        var link = await LinksAsync(platform).SingleAsync(l => l.LocalId == "raced");
        Assert.Equal((ownerId, 5L), (link.PersonId, link.SourceVersion));
    }

    private static async Task<bool> WaitingOnLockAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO person_links%'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private IQueryable<PersonLink> LinksAsync(TestPlatform platform)
    {
        var scope = app.Factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<PersonLink>().AsNoTracking().Where(l => l.PlatformId == platform.ClientId);
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 30, Func<Task<string>>? describe = null) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("condition not reached in time" + (describe is null ? "" : ": " + await describe()));
            }
            await Task.Delay(200);
        }
    }
}
