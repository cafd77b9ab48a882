using Hub.Adapter.Sources;
using Hub.Adapter.Sources.Files;
using Hub.Adapter.Store;
using Hub.Testing;
using Microsoft.Extensions.Options;

namespace Hub.Adapter.Tests;

#pragma warning disable CA1001 // disposed in DisposeAsync (xunit lifetime)
public sealed class FileDropTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "hub-drop-" + Guid.NewGuid().ToString("N"));
    private TestDatabase database = null!;
    private FileDropSource source = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        database = await TestDatabase.CreateAsync("adapterdrop");
        source = new FileDropSource(Options.Create(new FileDropOptions { Directory = directory }),
            Options.Create(new AdapterStoreOptions { ConnectionString = database.ConnectionString }), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Import_CsvAndJson_RecordsReadableAsChangesAndFilesMovedToDone()
    {
        Drop("people-0001.csv", """
            local_id,version,name,document_type,document_number,student_number,roles,region_code,gender,birth_date,affiliations
            s1,1,张三,1,440305201201011234,G440305201201011234,0,440305,1,2012-01-01,2144030001:0:2024-09-01
            "t1",1,"李, 四",1,440305198001011234,,1;3,440305,1,1980-01-01,
            """);
        Drop("organizations-0001.json", """
            [{"code":"2144030001","version":3,"name":"南山区第1小学","schoolType":"小学（6年）","regionCode":"440305","bandwidth":"1000M","classCount":24}]
            """);

        var outcomes = await source.Importer.ImportPendingAsync(default);
        var people = await Support.Eventually.ReadAsync(() => source.ReadPeopleChangesAsync(null, 10, default), 2);
        var organizations = await Support.Eventually.ReadAsync(() => source.ReadOrganizationChangesAsync(null, 10, default), 1);

        Assert.All(outcomes, o => Assert.Null(o.Failure));
        Assert.Equal(["s1", "t1"], people.Items.Select(p => p.LocalId).Order());
        Assert.Equal("李, 四", people.Items.Single(p => p.LocalId == "t1").Name);
        Assert.Equal([1, 3], people.Items.Single(p => p.LocalId == "t1").Roles!);
        Assert.Equal("2144030001", Assert.Single(people.Items.Single(p => p.LocalId == "s1").Affiliations!).OrganizationCode);
        Assert.Equal(24, Assert.Single(organizations.Items).ClassCount);
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(directory, "done")).Length);
    }

    [Fact]
    public async Task Import_CrashAfterCommitBeforeMove_FileRecognisedAndOnlyMoved()
    {
        const string content = "local_id,version,name,document_type,document_number,roles,region_code\nc1,5,王五,1,1,1,440305\n";
        Drop("people-crash.csv", content);
        await source.Importer.ImportPendingAsync(default);
        var first = await Support.Eventually.ReadAsync(() => source.ReadPeopleChangesAsync(null, 10, default), 1);
        // The crash: the same file is back in the drop directory as if it had never been moved.
        Drop("people-crash.csv", content);

        var outcome = Assert.Single(await source.Importer.ImportPendingAsync(default));
        await Task.Delay(300);
        var after = await source.ReadPeopleChangesAsync(first.NextCursor, 10, default);

        Assert.True(outcome.AlreadyApplied);
        Assert.Empty(after.Items);   // not applied again: no new version
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task Import_OlderVersionAfterNewer_Ignored_RemovalLeavesTombstone()
    {
        Drop("people-a.csv", "local_id,version,name,document_type,document_number,roles,region_code\nv1,10,新名,1,1,1,440305\n");
        await source.Importer.ImportPendingAsync(default);
        Drop("people-b.csv", "local_id,version,name,document_type,document_number,roles,region_code\nv1,9,旧名,1,1,1,440305\n");
        await source.Importer.ImportPendingAsync(default);
        var current = await source.ReadPeopleByKeysAsync(["v1"], default);
        Drop("people-removed-c.csv", "local_id,version\nv1,11\n");
        await source.Importer.ImportPendingAsync(default);

        var removals = await Support.Eventually.ReadAsync(() => source.ReadRemovalsAsync(SourceEntity.People, null, 10, default), 1);

        Assert.Equal("新名", Assert.Single(current).Name);
        Assert.Equal("v1", Assert.Single(removals.Items).Key);
        Assert.Empty(await source.ReadPeopleByKeysAsync(["v1"], default));
    }

    [Fact]
    public async Task Import_BadRow_WholeFileMovedToFailedWithReason()
    {
        Drop("people-bad.csv", "local_id,version,name,document_type,document_number,roles,region_code\nok,1,甲,1,1,1,440305\nbad,not-a-number,乙,1,2,1,440305\n");

        var outcome = Assert.Single(await source.Importer.ImportPendingAsync(default));

        Assert.Contains("Line 3", outcome.Failure, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "failed", "people-bad.csv")));
        Assert.True(File.Exists(Path.Combine(directory, "failed", "people-bad.csv.reason.txt")));
        Assert.Empty(await source.ReadPeopleByKeysAsync(["ok"], default));
    }

    [Fact]
    public async Task Import_ValueViolatingLayout_FailedWithoutTheValueInTheReason()
    {
        Drop("people-region.csv", "local_id,version,name,document_type,document_number,roles,region_code\nx,1,甲,1,440305201201019999,1,44030\n");

        var outcome = Assert.Single(await source.Importer.ImportPendingAsync(default));

        Assert.NotNull(outcome.Failure);
        Assert.DoesNotContain("440305201201019999", outcome.Failure, StringComparison.Ordinal);
    }

    private void Drop(string name, string content)
    {
        // Written under another name and renamed, as the drop convention asks.
        var temporary = Path.Combine(directory, name + ".part");
        File.WriteAllText(temporary, content);
        File.Move(temporary, Path.Combine(directory, name));
    }

    [Fact]
    public void KindOf_Names_LongestPrefixWins()
    {
        Assert.Equal(DropKind.PeopleRemoved, DropFiles.KindOf("people-removed-1.csv"));
        Assert.Equal(DropKind.PeopleKeys, DropFiles.KindOf("people-keys-1.json"));
        Assert.Equal(DropKind.People, DropFiles.KindOf("people-1.csv"));
        Assert.Null(DropFiles.KindOf("people-1.csv.part"));
    }
}
