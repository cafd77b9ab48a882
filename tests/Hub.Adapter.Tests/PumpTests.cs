using System.Text.Json;
using Hub.Adapter.Tests.Support;
using Hub.Contracts.V1;
using Hub.Testing;
using Npgsql;

namespace Hub.Adapter.Tests;

/// <summary>The adapter end to end: platform database → pump → outbox → relay → restricted broker user → fake hub queue, and back.</summary>
public sealed class PumpTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestBroker broker = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("adapterpump");
        broker = await TestBroker.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Pump_PlatformChanges_ArriveAsBatchesThroughTheOutboundExchange()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database), ("HubAdapter:Pump:BatchSize", "100")]);
        await host.StartAsync();
        await ExecuteAsync("""
            INSERT INTO platform.organizations (code, name, school_type, region_code, bandwidth, class_count) VALUES ('2144030001', '南山区第1小学', '小学（6年）', '440305', '1000M', 24);
            INSERT INTO platform.people (local_id, name, document_type, document_number, student_number, roles, region_code, gender, birth_date)
            SELECT 'p' || i, '学生' || i, 1, '44030520120101' || lpad(i::text, 4, '0'), NULL, '{0}', '440305', 1, '2012-01-01' FROM generate_series(1, 250) i;
            """);

        var received = await broker.ReceiveAsync(m => People(m).Count() >= 250 && m.Any(x => x.Type.EndsWith(":OrganizationsChanged", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        await ExecuteAsync("DELETE FROM platform.people WHERE local_id = 'p1'; UPDATE platform.people SET local_id = 'g2' WHERE local_id = 'p2';");
        var later = await broker.ReceiveAsync(m => m.Any(x => x.Type.EndsWith(":PeopleRemoved", StringComparison.Ordinal)) && m.Any(x => x.Type.EndsWith(":KeysChanged", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));

        var batches = received.Where(m => m.Type == "urn:message:Hub.Contracts.V1:PeopleChanged").ToList();
        Assert.Equal(3, batches.Count);   // 100 + 100 + 50
        Assert.All(batches, b => Assert.Equal(broker.PlatformId, b.Message.GetProperty("sourcePlatform").GetString()));
        Assert.Equal(250, People(received).Distinct().Count());
        Assert.Equal("p1", later.Single(m => m.Type.EndsWith(":PeopleRemoved", StringComparison.Ordinal)).Message.GetProperty("removals")[0].GetProperty("key").GetString());
        Assert.Equal("g2", later.Single(m => m.Type.EndsWith(":KeysChanged", StringComparison.Ordinal)).Message.GetProperty("changes")[0].GetProperty("newLocalId").GetString());
        await host.StopAsync();
    }

    [Fact]
    public async Task Pump_PlatformCommits_NotifiedChangeLeavesLongBeforeThePoll()
    {
        // A poll of ten minutes: once the pump is idle, only the platform database's notification moves a change.
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database, "notified"), ("HubAdapter:Pump:PollInterval", "00:10:00")]);
        await host.StartAsync();
        await ExecuteAsync("""
            INSERT INTO notified.people (local_id, name, document_type, document_number, roles, region_code) VALUES ('n1', '甲', 1, '1', '{1}', '440305');
            """);
        var first = await broker.ReceiveAsync(m => People(m).Contains("n1"), TimeSpan.FromSeconds(30));

        await ExecuteAsync("UPDATE notified.people SET name = '乙' WHERE local_id = 'n1'");
        var second = await broker.ReceiveAsync(m => People(m).Contains("n1"), TimeSpan.FromSeconds(30));

        Assert.Contains("n1", People(first));
        var changed = second.Single(m => m.Type.EndsWith(":PeopleChanged", StringComparison.Ordinal)).Message;
        Assert.Equal("乙", changed.GetProperty("changes")[0].GetProperty("name").GetString());
        await host.StopAsync();
    }

    [Fact]
    public async Task Pump_NotifiedChangeHiddenBehindALongerTransaction_LeavesSoonAfterThatTransactionEnds()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database, "hidden"), ("HubAdapter:Pump:PollInterval", "00:10:00")]);
        await host.StartAsync();
        await ExecuteAsync("INSERT INTO hidden.people (local_id, name, document_type, document_number, roles, region_code) VALUES ('h0', '甲', 1, '1', '{1}', '440305')");
        await broker.ReceiveAsync(m => People(m).Contains("h0"), TimeSpan.FromSeconds(30));

        // An older transaction with a transaction id keeps the horizon below the change for longer than the pump's
        // short look-again rounds after the notification (2 s); it ends without changing anything, so no second
        // notification comes.
        await using var older = new NpgsqlConnection(database.ConnectionString);
        await older.OpenAsync();
        await using var transaction = await older.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT pg_current_xact_id()", older, transaction))
        {
            await xid.ExecuteScalarAsync();
        }
        await ExecuteAsync("INSERT INTO hidden.people (local_id, name, document_type, document_number, roles, region_code) VALUES ('h1', '乙', 1, '2', '{1}', '440305')");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await transaction.RollbackAsync();

        var received = await broker.ReceiveAsync(m => People(m).Contains("h1"), TimeSpan.FromSeconds(30));
        Assert.Contains("h1", People(received));
        await host.StopAsync();
    }

    [Fact]
    public async Task Inbox_HubAnswerDeliveredTwice_HubIdsAndRejectionsWrittenBackOnce()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database, "answers")]);
        await host.StartAsync();
        await ExecuteAsync("""
            INSERT INTO answers.people (local_id, name, document_type, document_number, roles, region_code) VALUES ('a1', '甲', 1, '1', '{1}', '440305'), ('a2', '乙', 1, '2', '{1}', '440305');
            """);
        var answer = new IdentitiesAssigned(Guid.NewGuid(), "people", [new IdentityAssignment("a1", "P5K2Q9ZB7M1XR4TD8", 7, "created")],
            [new RecordRejection("a2", 8, "HUB-ID-0002", "document.number", "证件号码格式错误", "Malformed document number")], [], DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await broker.SendToInboxAsync(answer, messageId);
        await broker.SendToInboxAsync(answer, messageId);
        var hubId = await WaitForAsync("SELECT hub_id FROM answers.people WHERE local_id = 'a1'");
        var processed = await WaitForAsync("SELECT count(*)::text FROM hub_adapter.inbox WHERE consumer = 'IdentitiesAssigned'");

        Assert.Equal("P5K2Q9ZB7M1XR4TD8", hubId);
        Assert.Equal("HUB-ID-0002", await ScalarAsync("SELECT code FROM answers.hub_record_issues WHERE key = 'a2' AND kind = 'rejected'"));
        Assert.Equal("1", processed);
        await host.StopAsync();
    }

    [Fact]
    public async Task Reconciliation_HubAsksForRangesAndRecords_DigestsRecordsAndKeysSent()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database, "recon")]);
        await host.StartAsync();
        await ExecuteAsync("""
            INSERT INTO recon.people (local_id, name, document_type, document_number, roles, region_code) SELECT 'r' || i, '丙', 1, i::text, '{1}', '440305' FROM generate_series(1, 40) i;
            """);
        await broker.ReceiveAsync(m => People(m).Count() >= 40, TimeSpan.FromSeconds(60));
        var round = Guid.NewGuid();

        await broker.SendToInboxAsync(new ReconcileRequested(round, "people", DateTimeOffset.UtcNow), Guid.NewGuid());
        var report = (await broker.ReceiveAsync(m => m.Any(x => x.Type.EndsWith(":ReconciliationReported", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)))
            .Single(x => x.Type.EndsWith(":ReconciliationReported", StringComparison.Ordinal)).Message;
        var prefix = report.GetProperty("buckets")[0].GetProperty("prefix").GetString()!;
        await broker.SendToInboxAsync(new ReconciliationRangesRequested(round, "people", [prefix], [prefix], DateTimeOffset.UtcNow), Guid.NewGuid());
        var repair = await broker.ReceiveAsync(m => m.Any(x => x.Type.EndsWith(":ReconciliationKeysReported", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        Assert.Equal(40, report.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.Equal(40, report.GetProperty("regionCounts").GetProperty("440305").GetInt64());
        var keys = repair.Single(x => x.Type.EndsWith(":ReconciliationKeysReported", StringComparison.Ordinal)).Message.GetProperty("keys");
        var finer = repair.Single(x => x.Type.EndsWith(":ReconciliationReported", StringComparison.Ordinal)).Message.GetProperty("buckets");
        Assert.Equal(keys.GetArrayLength(), finer.EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.All(finer.EnumerateArray(), b => Assert.StartsWith(prefix, b.GetProperty("prefix").GetString(), StringComparison.Ordinal));
        Assert.Equal(keys.EnumerateArray().Select(k => k.GetProperty("key").GetString()).Order(), People(repair).Order());
        await host.StopAsync();
    }

    [Fact]
    public async Task Snapshot_HubAsks_EveryPersonSentAgain()
    {
        using var host = AdapterHost.Build([.. broker.AdapterSettings(), .. AdapterHost.Database(database, "snap"), ("HubAdapter:Pump:BatchSize", "10")]);
        await host.StartAsync();
        await ExecuteAsync("INSERT INTO snap.people (local_id, name, document_type, document_number, roles, region_code) SELECT 's' || i, '丁', 1, i::text, '{1}', '440305' FROM generate_series(1, 25) i;");
        await broker.ReceiveAsync(m => People(m).Count() >= 25, TimeSpan.FromSeconds(60));

        await broker.SendToInboxAsync(new SnapshotRequested(Guid.NewGuid(), "people", "test", DateTimeOffset.UtcNow), Guid.NewGuid());
        var again = await broker.ReceiveAsync(m => People(m).Count() >= 25, TimeSpan.FromSeconds(30));

        Assert.Equal(25, People(again).Distinct().Count());
        await host.StopAsync();
    }

    private static IEnumerable<string> People(List<(Guid MessageId, string Type, JsonElement Message)> messages) =>
        messages.Where(m => m.Type == "urn:message:Hub.Contracts.V1:PeopleChanged")
            .SelectMany(m => m.Message.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("localId").GetString()!));

    private async Task ExecuteAsync(string sql)
    {
        // The adapter creates the layout at start; wait for it before writing.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42P01" or "3F000" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? value.ToString() : null;
    }

    private async Task<string?> WaitForAsync(string sql)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await ScalarAsync(sql) is { Length: > 0 } value && value != "0" || DateTime.UtcNow > deadline)
                {
                    await Task.Delay(500);
                    return await ScalarAsync(sql);
                }
            }
            catch (PostgresException e) when (e.SqlState == "42P01")
            {
            }
            await Task.Delay(200);
        }
    }
}
