using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.Server.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;

namespace Hub.Bench.Resources;

/// <summary>
/// Usage ingest end to end: a connected platform's broker user publishes UsageRecorded batches (MassTransit's JSON
/// envelope, persistent, publisher confirms) to its outbound exchange; the hub's consumer on hub.inbound stores them
/// (idempotent by event id) and adds them to the daily aggregates, in one transaction with its inbox row and its
/// answer. A batch's aggregates are current once its inbox row is visible.
/// Phases: warm-up (JIT, pools; not measured); burst (every batch published as fast as confirms allow, measured from
/// the first publish until the last batch committed); paced (batches offered at a fixed rate, the delay from each
/// batch's confirmed publish until its aggregates are visible). Peers in the same run: a binary COPY of the same
/// stored rows into a table like usage_events (same columns and indexes, no broker, no dedup, no aggregates), and
/// into an unindexed table.
/// </summary>
internal static class UsageBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] MessageType = ["urn:message:Hub.Contracts.V1:UsageRecorded"];
    private const string Consumer = "UsageRecordedConsumer";

    public sealed record Settings(long Events, int Batch, int People, int Resources, int Concurrency, long Warmup, int[] Rates, int PacedSeconds);

    public static async Task<int> RunAsync(Settings s)
    {
        await using var hub = await BenchHub.StartAsync(s.Concurrency);
        var counties = BenchSetup.GuangdongCounties();
        var seedClock = Stopwatch.StartNew();
        for (long from = 0; from < s.People; from += 1_000_000)
        {
            await hub.AddPeopleAsync(from, Math.Min(s.People, from + 1_000_000), counties);
        }
        // Everyone at one of 2,000 schools, so the school of each event is resolved as in production.
        await hub.ExecuteAsync("""
            INSERT INTO person_affiliations (person_id, organization_code, role, valid_from)
            SELECT id, '2144' || lpad((id % 2000)::text, 6, '0'), 0, date '2020-09-01' FROM people
            """);
        await hub.ExecuteAsync("VACUUM (ANALYZE) people");
        await hub.ExecuteAsync("VACUUM (ANALYZE) person_affiliations");
        var province = await BenchSetup.ProvinceAsync(hub);
        var ids = await BenchSetup.CloneAsync(hub, await BenchSetup.ResourceAsync(province, "使用统计资源"), 1, s.Resources);
        await hub.ExecuteAsync("ANALYZE resources");
        (string PublicId, PlatformCredentials? Credentials, string? Error) platform;
        await using (var scope = hub.Factory.Services.CreateAsyncScope())
        {
            platform = await DemoPlatformCommand.ConnectAsync(scope.ServiceProvider, "基准测试平台", "440300", ServiceScope.City);
        }
        var broker = platform.Credentials?.RabbitMq ?? throw new InvalidOperationException(platform.Error);
        Console.Error.WriteLine($"  seeded {s.People:N0} people, {s.Resources:N0} resources in {seedClock.Elapsed.TotalSeconds:F0} s");

        // The platform's messages, serialized up front: the publisher's own JSON cost is the platform's, not the hub's.
        var random = new Random(20261124);
        var now = DateTimeOffset.UtcNow;
        List<UsageEvent> Events(long count)
        {
            var list = new List<UsageEvent>((int)count);
            for (var i = 0; i < count; i++)
            {
                var type = random.Next(10) switch { < 6 => "view", 6 => "download", 7 => "complete", 8 => "time_spent", _ => "rate" };
                list.Add(new UsageEvent(Guid.NewGuid(), type, BenchHub.HubId(random.Next(s.People)), new UsageResource(ids[random.Next(ids.Length)], null, null),
                    now.AddMinutes(-random.Next(0, 7 * 24 * 60)), type == "rate" ? random.Next(1, 6) : null, type == "time_spent" ? random.Next(30, 1800) : null,
                    null, type == "complete" ? 100 : null));
            }
            return list;
        }
        List<(Guid Id, byte[] Body)> Bodies(List<UsageEvent> events) => [.. events.Chunk(s.Batch).Select(chunk =>
        {
            var id = Guid.NewGuid();
            return (id, JsonSerializer.SerializeToUtf8Bytes(new
            {
                messageId = id,
                messageType = MessageType,
                message = new UsageRecorded(Guid.NewGuid(), platform.PublicId, ExchangeNames.SchemaVersion, chunk, DateTimeOffset.UtcNow),
                sentTime = DateTimeOffset.UtcNow,
            }, Json));
        })];
        var warmup = Bodies(Events(s.Warmup));
        var burst = Bodies(Events(s.Events));
        var paced = s.Rates.Select(rate => (Rate: rate, Bodies: Bodies(Events((long)rate * s.PacedSeconds)))).ToList();
        Console.Error.WriteLine($"  {warmup.Count} + {burst.Count} + {paced.Sum(p => p.Bodies.Count)} messages of {s.Batch} events, {burst.Average(b => b.Body.Length) / 1024:F0} KiB each");

        var factory = new ConnectionFactory
        {
            HostName = Hub.Testing.TestEnvironment.RabbitHost, Port = Hub.Testing.TestEnvironment.RabbitPort, VirtualHost = broker.VirtualHost,
            UserName = broker.Username, Password = broker.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var exchange = ExchangeNames.Outbound(platform.PublicId);
        async Task PublishAsync(byte[] body) => await channel.BasicPublishAsync(exchange, "", mandatory: false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString(), Persistent = true }, body);
        var committed = new Dictionary<Guid, TimeSpan>();
        var clock = Stopwatch.StartNew();

        // Every batch commits its events, its aggregates, its answer and its inbox row together: once the inbox row is
        // visible, so are the batch's aggregates. Reading those few rows keeps the polling itself off the measurement.
        async Task<int> PollAsync()
        {
            await using var db = new NpgsqlConnection(hub.Database.ConnectionString);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT message_id FROM inbox_messages WHERE consumer = '{Consumer}'", db);
            await using var reader = await command.ExecuteReaderAsync();
            var at = clock.Elapsed;
            while (await reader.ReadAsync())
            {
                committed.TryAdd(reader.GetGuid(0), at);
            }
            return committed.Count;
        }
        async Task<bool> WaitForAsync(int total)
        {
            var (last, lastChange) = (-1, clock.Elapsed);
            while (clock.Elapsed - lastChange < TimeSpan.FromSeconds(60))
            {
                var count = await PollAsync();
                if (count >= total)
                {
                    return true;
                }
                if (count != last)
                {
                    (last, lastChange) = (count, clock.Elapsed);
                }
                await Task.Delay(50);
            }
            return false;
        }

        // Warm-up: the hub's hot paths compiled (tiered JIT), pools filled; not measured.
        foreach (var (_, body) in warmup)
        {
            await PublishAsync(body);
        }
        if (!await WaitForAsync(warmup.Count))
        {
            throw new InvalidOperationException("warm-up batches were not committed");
        }

        // Burst.
        var meter = new CpuMeter();
        meter.Start();
        var start = clock.Elapsed;
        var pending = new List<Task>();
        foreach (var (_, body) in burst)
        {
            pending.Add(PublishAsync(body));
            if (pending.Count == 16)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
        var published = clock.Elapsed - start;
        var complete = await WaitForAsync(warmup.Count + burst.Count);
        var done = clock.Elapsed - start;
        var cpu = meter.Report(done, s.Events);
        var gc = meter.GcReport();

        // Paced: one batch every Batch/Rate seconds, each timed from its confirmed publish until its inbox row is visible.
        var sent = warmup.Count + burst.Count;
        var pacedRows = new List<string>();
        var pacedCpu = new List<string>();
        var pacedComplete = true;
        foreach (var (rate, bodies) in paced)
        {
            var confirmed = new Dictionary<Guid, TimeSpan>();
            var pacedMeter = new CpuMeter();
            pacedMeter.Start();
            var pacedStart = clock.Elapsed;
            var interval = TimeSpan.FromSeconds((double)s.Batch / rate);
            var polling = Task.CompletedTask;
            for (var i = 0; i < bodies.Count; i++)
            {
                var due = pacedStart + interval * i;
                while (clock.Elapsed < due)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(due - clock.Elapsed > TimeSpan.FromMilliseconds(5) ? 5 : 1));
                    if (polling.IsCompleted)
                    {
                        polling = PollAsync();
                    }
                }
                await PublishAsync(bodies[i].Body);
                confirmed[bodies[i].Id] = clock.Elapsed;
            }
            await polling;
            sent += bodies.Count;
            pacedComplete &= await WaitForAsync(sent);
            var pacedElapsed = clock.Elapsed - pacedStart;
            var events = bodies.Count * (long)s.Batch;
            pacedCpu.Add($"Paced at {rate:N0}/s: " + pacedMeter.Report(pacedElapsed, events));
            var delays = bodies.Where(p => committed.ContainsKey(p.Id)).Select(p => (committed[p.Id] - confirmed[p.Id]).TotalSeconds).Order().ToList();
            pacedRows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| hub, paced | {events:N0} | {rate:N0}/s for {s.PacedSeconds} s | {(confirmed.Values.Max() - pacedStart).TotalSeconds:F1} | {pacedElapsed.TotalSeconds:F1}{(pacedComplete ? "" : " (incomplete)")} | {events / pacedElapsed.TotalSeconds:N0} | **{Pct(delays, 0.5):F2} / {Pct(delays, 0.99):F2} / {(delays.Count > 0 ? delays[^1] : double.NaN):F2}** |"));
        }

        var counted = await hub.ScalarAsync<long>("SELECT coalesce(sum(events), 0) FROM usage_daily");
        var stored = await hub.ScalarAsync<long>("SELECT count(*) FROM usage_events");
        var expected = s.Warmup + s.Events + paced.Sum(p => p.Bodies.Count * (long)s.Batch);
        var (copySame, copyPlain, copied) = await PeersAsync(hub);

        string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.People:N0} people at 2,000 schools, {s.Resources:N0} resources, events over the last 7 days; batches of {s.Batch:N0} events ({burst.Average(b => b.Body.Length) / 1024:F0} KiB), {s.Concurrency} concurrent hub consumers; warm-up {s.Warmup:N0} events."));
        Console.WriteLine();
        Console.WriteLine("| phase | events | offered | published in (s) | aggregates complete after (s) | events/s end to end | aggregates visible after publish: p50 / p99 / max (s) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| hub, burst | {s.Events:N0} | as fast as confirms allow | {F(published.TotalSeconds)} | {F(done.TotalSeconds)}{(complete ? "" : " (incomplete)")} | **{s.Events / done.TotalSeconds:N0}** | last batch {F((done - published).TotalSeconds)} after the last publish |"));
        pacedRows.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| peer: binary COPY of the {copied:N0} stored rows into a table like usage_events (same indexes) | {copied:N0} | — | — | {F(copySame.TotalSeconds)} | {copied / copySame.TotalSeconds:N0} | — |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| floor: the same COPY into an unindexed table | {copied:N0} | — | — | {F(copyPlain.TotalSeconds)} | {copied / copyPlain.TotalSeconds:N0} | — |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Check: the aggregates count {counted:N0} events and usage_events holds {stored:N0} rows; {expected:N0} were sent (warm-up included)."));
        Console.WriteLine();
        Console.WriteLine("Burst: " + cpu + " " + gc);
        foreach (var line in pacedCpu)
        {
            Console.WriteLine();
            Console.WriteLine(line);
        }
        return counted == expected && stored == expected && complete && pacedComplete ? 0 : 1;
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private sealed record Row(Guid EventId, long PersonId, long ResourceId, short Type, DateTime OccurredAt, int Value, string PlatformId, string RegionCode,
        string SchoolCode);

    /// <summary>The rows the hub stored, read back and copied again: into a table like usage_events, and into one without indexes.</summary>
    private static async Task<(TimeSpan Same, TimeSpan Plain, long Count)> PeersAsync(BenchHub hub)
    {
        await hub.ExecuteAsync("""
            CREATE TABLE usage_events_peer (LIKE usage_events INCLUDING ALL);
            CREATE TABLE usage_events_floor (LIKE usage_events);
            """);
        var rows = new List<Row>();
        await using var connection = new NpgsqlConnection(hub.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "SELECT event_id, person_id, resource_id, type, occurred_at, value, platform_id, region_code, school_code FROM usage_events", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt16(3), reader.GetDateTime(4), reader.GetInt32(5),
                    reader.GetString(6), reader.GetString(7), reader.GetString(8)));
            }
        }
        async Task<TimeSpan> CopyAsync(string table)
        {
            var clock = Stopwatch.StartNew();
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY {table} (event_id, person_id, resource_id, type, occurred_at, value, platform_id, region_code, school_code) FROM STDIN (FORMAT BINARY)");
            foreach (var r in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(r.EventId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(r.PersonId, NpgsqlDbType.Bigint);
                await writer.WriteAsync(r.ResourceId, NpgsqlDbType.Bigint);
                await writer.WriteAsync(r.Type, NpgsqlDbType.Smallint);
                await writer.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(r.Value, NpgsqlDbType.Integer);
                await writer.WriteAsync(r.PlatformId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.RegionCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.SchoolCode, NpgsqlDbType.Varchar);
            }
            await writer.CompleteAsync();
            return clock.Elapsed;
        }
        // Shuffled as the events arrived (random ids), not in the table's physical order.
        var shuffle = new Random(7);
        for (var i = rows.Count - 1; i > 0; i--)
        {
            var j = shuffle.Next(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        return (await CopyAsync("usage_events_peer"), await CopyAsync("usage_events_floor"), rows.Count);
    }
}
