using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hub.Server.Catalog.Push;
using Hub.Server.Space;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Bench.Resources;

/// <summary>
/// Province-wide pushes at growing populations (people in the province), against the naive design in the same run.
/// Hub: the push is one row (POST /api/v1/resources/{id}/pushes through the whole HTTP pipeline); a person's space
/// resolves it when read (<see cref="ResourceInbox"/>). Measured per population: the push request, the time from the
/// push request until a random person's read shows it, and inbox reads of random people. Peer: one row per person per
/// push (INSERT … SELECT over the province's people into a table keyed by (person, resource)), and its reads. Then, at
/// the largest population, what a hub read does depend on: the number of pushes that reach the person.
/// </summary>
internal static class PushBench
{
    public static async Task<int> RunAsync(long[] audiences, int reads, int pushes, int[] reaching)
    {
        await using var hub = await BenchHub.StartAsync(1);
        var counties = BenchSetup.GuangdongCounties();
        var province = await BenchSetup.ProvinceAsync(hub);
        var template = await BenchSetup.ResourceAsync(province, "背景资源");
        var noise = await BenchSetup.CloneAsync(hub, template, 1, 50);
        // Background: 1,000 county pushes spread over Guangdong's counties (about 8 reach each person).
        await hub.ExecuteAsync($"""
            INSERT INTO resource_pushes (resource_id, target_kind, region_prefix, region_code, roles, pushed_by, pushed_by_name, pushed_at)
            SELECT r.id, 0, left(c, 6), c, ARRAY[]::smallint[], 'bench', 'bench', now() - g * interval '1 minute'
            FROM generate_series(1, 1000) AS g
            JOIN resources r ON r.resource_id = 'R' || lpad((1 + g % {noise.Length})::text, 16, '0')
            CROSS JOIN LATERAL (SELECT (ARRAY['{string.Join("','", counties)}'])[1 + g % {counties.Length}] AS c) AS x
            """);
        await hub.ExecuteAsync("""
            CREATE TABLE bench_push_fanout (person_id bigint NOT NULL, resource_id bigint NOT NULL, pushed_at timestamptz NOT NULL,
                                            PRIMARY KEY (person_id, resource_id));
            CREATE INDEX ON bench_push_fanout (person_id, pushed_at DESC);
            """);
        var random = new Random(20261124);
        var rows = new List<string>();
        long seeded = 0;
        foreach (var audience in audiences)
        {
            var clock = Stopwatch.StartNew();
            for (var from = seeded; from < audience; from += 1_000_000)
            {
                await hub.AddPeopleAsync(from, Math.Min(audience, from + 1_000_000), counties);
                Console.Error.WriteLine($"  people: {Math.Min(audience, from + 1_000_000):N0} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            await hub.ExecuteAsync("VACUUM (ANALYZE) people");
            var seedSeconds = clock.Elapsed.TotalSeconds;
            seeded = audience;

            // Hub: pushes of freshly approved resources (submission and review are not timed).
            var pushMs = new List<double>();
            var visibleMs = new List<double>();
            var pushesBefore = await hub.ScalarAsync<long>("SELECT count(*) FROM resource_pushes");
            var statesBefore = await hub.ScalarAsync<long>("SELECT count(*) FROM resource_space_states");
            string last = "";
            for (var k = 0; k < pushes; k++)
            {
                last = await BenchSetup.ResourceAsync(province, string.Create(CultureInfo.InvariantCulture, $"全省推送资源 {audience} {k}"));
                clock.Restart();
                using (var pushed = await province.PostAsJsonAsync($"/api/v1/resources/{last}/pushes", new { target = new { kind = "region", regionCode = "440000" } }))
                {
                    pushed.EnsureSuccessStatusCode();
                }
                pushMs.Add(clock.Elapsed.TotalMilliseconds);
                // Someone anywhere in the province opens their space right after the push returned.
                while (!await SeesAsync(hub, BenchHub.HubId(random.NextInt64(audience)), last))
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(10))
                    {
                        throw new InvalidOperationException("a pushed resource was not visible within 10 s");
                    }
                }
                visibleMs.Add(clock.Elapsed.TotalMilliseconds);
            }
            var written = await hub.ScalarAsync<long>("SELECT count(*) FROM resource_pushes") - pushesBefore;
            var perPerson = await hub.ScalarAsync<long>("SELECT count(*) FROM resource_space_states") - statesBefore;
            var (hubReads, saw) = await HubReadsAsync(hub, audience, reads, last, random);

            // Peer: the same push written once per person, then the same number of reads of its per-person rows.
            await hub.ExecuteAsync("TRUNCATE bench_push_fanout");
            clock.Restart();
            await hub.ExecuteAsync($"""
                INSERT INTO bench_push_fanout (person_id, resource_id, pushed_at)
                SELECT p.id, r.id, now() FROM people p, resources r
                WHERE r.resource_id = '{last}' AND p.region_code >= '440000' AND p.region_code < '450000'
                """);
            var fanoutSeconds = clock.Elapsed.TotalSeconds;
            var fanoutRows = await hub.ScalarAsync<long>("SELECT count(*) FROM bench_push_fanout");
            var peerReads = await PeerReadsAsync(hub, audience, reads, random);
            await hub.ExecuteAsync("TRUNCATE bench_push_fanout");

            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {audience:N0} | {seedSeconds:F0} | {Pct(pushMs, 0.5):F1} | {pushMs.Max():F1} | {written / pushes} | {perPerson} | {visibleMs.Max():F1} | "
                + $"{Pct(hubReads, 0.5):F2} | {Pct(hubReads, 0.99):F2} | {saw}/{reads} | {fanoutSeconds * 1000:N0} | {fanoutRows:N0} | {Pct(peerReads, 0.5):F2} | {Pct(peerReads, 0.99):F2} |"));
            Console.Error.WriteLine("  " + rows[^1]);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Hub: {pushes} province-wide pushes per population through the API; {reads} inbox reads (ResourceInbox.PageAsync, 20 items, audience resolution included) of random people."));
        Console.WriteLine("Peer: the last of those pushes fanned out as one row per person, and the same number of reads of a random person's newest 20 rows.");
        Console.WriteLine();
        Console.WriteLine("| people in the province | people added (s) | hub: push p50 (ms) | push max (ms) | rows per push | per-person rows written | push → seen by a random person, max (ms) | hub read p50 (ms) | read p99 (ms) | reads that saw the latest push | peer: fan-out of one push (ms) | rows | peer read p50 (ms) | p99 (ms) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);

        // What a read depends on: the pushes that reach the person (here all province-wide, each of another resource).
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Hub reads at {seeded:N0} people by the number of pushes reaching the person (province-wide pushes of distinct resources, plus the county background):"));
        Console.WriteLine();
        Console.WriteLine("| pushes reaching the person | read p50 (ms) | p99 (ms) |");
        Console.WriteLine("| ---: | ---: | ---: |");
        await BenchSetup.CloneAsync(hub, template, 100_001, reaching.Max());
        var reached = await hub.ScalarAsync<long>("SELECT count(*) FROM resource_pushes WHERE target_kind = 0 AND region_prefix = '44'");
        foreach (var target in reaching)
        {
            if (target > reached)
            {
                await hub.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                    INSERT INTO resource_pushes (resource_id, target_kind, region_prefix, region_code, roles, pushed_by, pushed_by_name, pushed_at)
                    SELECT r.id, 0, '44', '440000', ARRAY[]::smallint[], 'bench', 'bench', now() - (g * interval '1 second')
                    FROM generate_series({reached + 1}, {target}) AS g
                    JOIN resources r ON r.resource_id = 'R' || lpad((100000 + g)::text, 16, '0')
                    """));
                await hub.ExecuteAsync("ANALYZE resource_pushes");
                reached = target;
            }
            var (times, _) = await HubReadsAsync(hub, seeded, reads, null, random);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {target:N0} (+ ~8 county) | {Pct(times, 0.5):F2} | {Pct(times, 0.99):F2} |"));
        }
        return 0;
    }

    private static double Pct(List<double> sorted, double p)
    {
        sorted.Sort();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    private static async Task<bool> SeesAsync(BenchHub hub, string hubId, string resource)
    {
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<SpacePeople>().FindByHubIdAsync(hubId, default)
            ?? throw new InvalidOperationException("seeded person missing");
        var page = await scope.ServiceProvider.GetRequiredService<ResourceInbox>().PageAsync(person, null, 20, saved: false, default);
        return page.Items.Any(item => item.ResourceId == resource);
    }

    private static async Task<(List<double> Times, int Saw)> HubReadsAsync(BenchHub hub, long audience, int reads, string? latest, Random random)
    {
        var times = new List<double>(reads);
        var saw = 0;
        for (var i = 0; i < reads; i++)
        {
            await using var scope = hub.Factory.Services.CreateAsyncScope();
            var person = await scope.ServiceProvider.GetRequiredService<SpacePeople>().FindByHubIdAsync(BenchHub.HubId(random.NextInt64(audience)), default)
                ?? throw new InvalidOperationException("seeded person missing");
            var inbox = scope.ServiceProvider.GetRequiredService<ResourceInbox>();
            var clock = Stopwatch.StartNew();
            var page = await inbox.PageAsync(person, null, 20, saved: false, default);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (page.Items.Count == 0)
            {
                throw new InvalidOperationException("an inbox read returned nothing");
            }
            saw += page.Items.Any(item => item.ResourceId == latest) ? 1 : 0;
        }
        return (times, saw);
    }

    private static async Task<List<double>> PeerReadsAsync(BenchHub hub, long audience, int reads, Random random)
    {
        await using var connection = new NpgsqlConnection(hub.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.resource_id, r.title, f.pushed_at FROM bench_push_fanout f JOIN resources r ON r.id = f.resource_id
            WHERE f.person_id = (SELECT id FROM people WHERE hub_id = @hub) ORDER BY f.pushed_at DESC LIMIT 20
            """, connection);
        var parameter = new NpgsqlParameter<string>("hub", "");
        command.Parameters.Add(parameter);
        await command.PrepareAsync();
        var times = new List<double>(reads);
        for (var i = 0; i < reads; i++)
        {
            parameter.TypedValue = BenchHub.HubId(random.NextInt64(audience));
            var clock = Stopwatch.StartNew();
            var found = 0;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    found++;
                }
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (found == 0)
            {
                throw new InvalidOperationException("a fan-out read returned nothing");
            }
        }
        return times;
    }
}
