using Hub.Adapter.Sources;
using Hub.Adapter.Sources.Postgres;
using Hub.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Adapter.Tests;

#pragma warning disable CA1001 // disposed in DisposeAsync (xunit lifetime)
public sealed class PostgresSourceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private PostgresSource source = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("adaptersrc");
        source = new PostgresSource(Options.Create(new PostgresSourceOptions { ConnectionString = database.ConnectionString }));
        await source.CheckAsync(default);
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ReadPeopleChanges_InsertedPeople_ReadOnceInOrderWithAffiliations()
    {
        await ExecuteAsync(Person("p1", "张三") + Person("p2", "李四") +
            "INSERT INTO platform.person_affiliations VALUES ('p1', '2144030001', 0, '2020-09-01');");

        var first = await ReadUntilAsync(null, 2);
        var again = await source.ReadPeopleChangesAsync(first.NextCursor, 10, default);

        Assert.Equal(["p1", "p2"], first.Items.Select(p => p.LocalId));
        Assert.Equal("2144030001", Assert.Single(first.Items[0].Affiliations!).OrganizationCode);
        Assert.Equal("110105200801011234", first.Items[0].Document!.Number);
        Assert.Empty(again.Items);
    }

    [Fact]
    public async Task ReadPeopleChanges_LaterStartedTransactionCommitsFirst_EarlierOneNotSkipped()
    {
        await using var early = await OpenAsync();
        await using var earlyTx = await early.BeginTransactionAsync();
        await ExecuteAsync(early, earlyTx, Person("early", "王五"));   // takes the lower transaction id, not yet committed
        await ExecuteAsync(Person("late", "赵六"));                      // a later transaction, committed first

        var whileOpen = await source.ReadPeopleChangesAsync(null, 10, default);
        await earlyTx.CommitAsync();
        var afterCommit = await ReadUntilAsync(whileOpen.NextCursor, 2);

        // The later commit waits behind the running transaction's horizon; nothing is read past it, so nothing is lost.
        Assert.Empty(whileOpen.Items);
        Assert.Equal(["early", "late"], afterCommit.Items.Select(p => p.LocalId));
    }

    [Fact]
    public async Task ReadPeopleChanges_CursorAfterLaterCommit_EarlierStartedCommitStillRead()
    {
        await ExecuteAsync(Person("first", "钱七"));
        var start = await ReadUntilAsync(null, 1);
        await using var slow = await OpenAsync();
        await using var slowTx = await slow.BeginTransactionAsync();
        await ExecuteAsync(slow, slowTx, Person("slow", "孙八"));
        await ExecuteAsync(Person("fast", "周九"));
        var between = await source.ReadPeopleChangesAsync(start.NextCursor, 10, default);
        await slowTx.CommitAsync();

        var after = await ReadUntilAsync(between.NextCursor ?? start.NextCursor, 2 - between.Items.Count);

        Assert.Equal(["first"], start.Items.Select(p => p.LocalId));
        Assert.Equal(["slow", "fast"], between.Items.Concat(after.Items).Select(p => p.LocalId));
    }

    [Fact]
    public async Task ReadRemovals_DeletedPerson_TombstoneWithNewerVersion()
    {
        await ExecuteAsync(Person("gone", "吴十"));
        var created = await ReadUntilAsync(null, 1);
        await ExecuteAsync("DELETE FROM platform.people WHERE local_id = 'gone';");

        var removals = await Support.Eventually.ReadAsync(() => source.ReadRemovalsAsync(SourceEntity.People, null, 10, default), 1);

        var removal = Assert.Single(removals.Items);
        Assert.Equal("gone", removal.Key);
        Assert.True(removal.Version > created.Items[0].Version);
        Assert.Equal(0, (await source.CountAsync(SourceEntity.People, default)).Total);
    }

    [Fact]
    public async Task ReadKeyChanges_LocalIdChanged_KeyChangeAndNewVersionUnderNewKey()
    {
        await ExecuteAsync(Person("L-old", "郑一") + "INSERT INTO platform.person_affiliations VALUES ('L-old', '2144030001', 0, NULL);");
        var before = await ReadUntilAsync(null, 1);
        await ExecuteAsync("UPDATE platform.people SET local_id = 'G-new' WHERE local_id = 'L-old';");

        var keys = await Support.Eventually.ReadAsync(() => source.ReadKeyChangesAsync(null, 10, default), 1);
        var after = await ReadUntilAsync(before.NextCursor, 1);

        var change = Assert.Single(keys.Items);
        Assert.Equal(("L-old", "G-new"), (change.OldLocalId, change.NewLocalId));
        var person = Assert.Single(after.Items);
        Assert.Equal("G-new", person.LocalId);
        Assert.Equal(change.Version, person.Version);
        Assert.Single(person.Affiliations!);
    }

    [Fact]
    public async Task Versions_HubIdWrittenBack_NotAChange_AffiliationAdded_IsAChange()
    {
        await ExecuteAsync(Person("p", "冯二"));
        var created = await ReadUntilAsync(null, 1);

        await ExecuteAsync("UPDATE platform.people SET hub_id = 'P0000000000000001', hub_version = 1 WHERE local_id = 'p';");
        await ExecuteAsync(Person("marker", "卫五"));
        var afterWriteBack = await ReadUntilAsync(created.NextCursor, 1);
        await ExecuteAsync("INSERT INTO platform.person_affiliations VALUES ('p', '2144030002', 1, NULL);");
        var afterAffiliation = await ReadUntilAsync(afterWriteBack.NextCursor, 1);

        Assert.Equal(["marker"], afterWriteBack.Items.Select(p => p.LocalId));
        var changed = Assert.Single(afterAffiliation.Items);
        Assert.True(changed.Version > created.Items[0].Version);
    }

    [Fact]
    public async Task ReadKeyVersions_Prefixes_OnlyKeysWhoseMd5StartsWithThem()
    {
        await ExecuteAsync(Person("a", "陈三") + Person("b", "褚四"));   // md5: a → 0cc1…, b → 92eb…

        var all = await ToListAsync(source.ReadKeyVersionsAsync(SourceEntity.People, [], default));
        var some = await ToListAsync(source.ReadKeyVersionsAsync(SourceEntity.People, ["0c"], default));

        Assert.Equal(2, all.Count);
        Assert.Equal("a", Assert.Single(some).Key);
    }

    private Task<ChangePage<Hub.Contracts.V1.PersonChange>> ReadUntilAsync(string? cursor, int count) =>
        Support.Eventually.ReadAsync(() => source.ReadPeopleChangesAsync(cursor, 10, default), count);

    private static string Person(string id, string name) =>
        $"INSERT INTO platform.people (local_id, name, document_type, document_number, roles, region_code, gender) VALUES ('{id}', '{name}', 1, '110105200801011234', '{{0}}', '440305', 1);";

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, null, sql);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
