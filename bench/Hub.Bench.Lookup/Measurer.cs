using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Hub.Server.Api;
using Hub.Server.Identity.Documents;
using Hub.Server.Identity.Protection;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Bench.Lookup;

/// <summary>
/// Times person lookup by resident ID number: the hub's path (a DI scope per lookup, PeopleQueries.LookupAsync:
/// HMAC blind index, EF Core query on the unique index), the same blind-index query through plain Npgsql (no EF),
/// and the naive peer (the number in clear as primary key of people_plain). Every lookup is checked.
/// </summary>
internal static class Measurer
{
    private const string BlindIndexSql = "SELECT * FROM people WHERE document_index = $1 LIMIT 1";
    private const string PlainSql = "SELECT hub_id FROM people_plain WHERE document_number = $1";

    private sealed record Target(IdentityDocument Document, string Number, string? HubId);

    public static async Task<int> RunAsync(WebApplication hub, BenchArguments args)
    {
        var services = hub.Services;
        var keys = services.GetRequiredService<PersonKeys>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var today = IdentityDocument.TodayInChina(TimeProvider.System);

        // Parsing and validating the request is the endpoint's work; the timed path starts at LookupAsync.
        var hits = (await SampleFile.ReadAsync(args.WorkDirectory))
            .Select(s => new Target(PeopleGenerator.Validate(s.Number, today), s.Number, s.HubId)).ToArray();
        var random = new Random(args.RandomSeed + 2);
        var misses = Enumerable.Range(0, 5_000).Select(_ => PeopleGenerator.Absent(random)).Distinct()
            .Select(n => new Target(PeopleGenerator.Validate(n, today), n, null)).ToArray();
        // Each path draws its own random sequence from the sample, so no path reads rows another has just touched.
        Func<int, Target> Draw(Target[] targets)
        {
            var order = Enumerable.Range(0, args.Lookups + args.Warmup).Select(_ => random.Next(targets.Length)).ToArray();
            return i => targets[order[i]];
        }

        // A national operator: jurisdiction over everyone, so every seeded number must be found.
        var caller = new Caller("bench-operator", ClientKind.Operator, RegionScope.National, new ClaimsPrincipal(new ClaimsIdentity()));
        long verified = 0;
        void Expect(Target t, string? found)
        {
            if (!string.Equals(found, t.HubId, StringComparison.Ordinal))
            {
                throw new BenchFailedException(
                    $"lookup of {Masking.Number(t.Number)} returned {found ?? "nothing"}, expected {t.HubId ?? "nothing"}");
            }
            Interlocked.Increment(ref verified);
        }

        async Task ViaHub(Target t)
        {
            // A scope per lookup, as per request: a pooled DbContext is leased and returned each time.
            await using var scope = services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<PeopleQueries>();
            var person = await queries.LookupAsync(t.Document, null, caller, CancellationToken.None);
            Expect(t, person?.HubId);
        }

        async Task ViaBlindIndexSql(Target t)
        {
            await using var command = dataSource.CreateCommand(BlindIndexSql);
            command.Parameters.Add(new NpgsqlParameter { Value = keys.DocumentIndex(t.Document.Type, t.Document.LifelongNumber) });
            await using var reader = await command.ExecuteReaderAsync();
            Expect(t, await reader.ReadAsync() ? reader.GetString(reader.GetOrdinal("hub_id")) : null);
        }

        async Task ViaPlainSql(Target t)
        {
            await using var command = dataSource.CreateCommand(PlainSql);
            command.Parameters.Add(new NpgsqlParameter { Value = t.Number });
            Expect(t, await command.ExecuteScalarAsync() as string);
        }

        await PrintDatabase(dataSource, keys, hits[0]);
        PrintBlindIndexCost(keys, hits);

        const string Hub = "hub: PeopleQueries.LookupAsync (EF Core)";
        const string Raw = "blind index, plain Npgsql (HMAC + SELECT *)";
        const string Peer = "peer: clear number, plain Npgsql (people_plain)";
        Func<int, Task> Path(Func<Target, Task> lookup, Target[] targets)
        {
            var draw = Draw(targets);
            return i => lookup(draw(i));
        }

        Console.Error.WriteLine($"measuring {args.Lookups:N0} lookups per path after {args.Warmup:N0} warm-up lookups: sequential paths interleaved");
        var results = await LatencyRun.MeasureInterleavedAsync(
        [
            ($"{Hub}, hit", Path(ViaHub, hits)),
            ($"{Hub}, miss", Path(ViaHub, misses)),
            ($"{Raw}, hit", Path(ViaBlindIndexSql, hits)),
            ($"{Raw}, miss", Path(ViaBlindIndexSql, misses)),
            ($"{Peer}, hit", Path(ViaPlainSql, hits)),
            ($"{Peer}, miss", Path(ViaPlainSql, misses)),
        ], args.Warmup, args.Lookups);
        foreach (var (name, lookup) in new (string, Func<Target, Task>)[] { (Hub, ViaHub), (Raw, ViaBlindIndexSql), (Peer, ViaPlainSql) })
        {
            Console.Error.WriteLine($"measuring {name} with {args.Workers} workers");
            results.Add(await LatencyRun.MeasureAsync($"{name}, hit", args.Workers, args.Warmup, args.Lookups, Path(lookup, hits)));
        }

        Console.WriteLine(LatencyStats.TableHeader);
        foreach (var stats in results)
        {
            Console.WriteLine(stats.TableRow());
        }
        Console.WriteLine();
        Console.WriteLine("The one-worker rows ran interleaved (the six paths taking turns, lookup by lookup); their lookups/s is 1 / mean.");
        var target = results[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target p99 < 2 ms for the hub path, sequential hits: {target.P99:F3} ms, {(target.P99 < 2 ? "met" : "NOT met")}. "
            + $"Checked {verified:N0} lookups (warm-up included): each found exactly the expected hub id, or nothing for a miss."));
        return 0;
    }

    /// <summary>What the numbers were measured on: server, settings that matter, row count and the query plan.</summary>
    private static async Task PrintDatabase(NpgsqlDataSource dataSource, PersonKeys keys, Target sample)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var command = new NpgsqlCommand("""
            SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('fsync'),
                   current_setting('synchronous_commit'), (SELECT count(*) FROM people), (SELECT count(*) FROM people_plain)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL {reader.GetString(0)} (shared_buffers {reader.GetString(1)}, fsync {reader.GetString(2)}, "
                + $"synchronous_commit {reader.GetString(3)}); people: {reader.GetInt64(4):N0}, people_plain: {reader.GetInt64(5):N0}"));
        }
        await using (var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + BlindIndexSql, connection))
        {
            explain.Parameters.Add(new NpgsqlParameter { Value = keys.DocumentIndex(sample.Document.Type, sample.Document.LifelongNumber) });
            await using var reader = await explain.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0).Trim());
            }
            Console.WriteLine("Plan of the blind-index lookup: " + string.Join(" / ", plan));
        }
    }

    private static void PrintBlindIndexCost(PersonKeys keys, Target[] hits)
    {
        const int Rounds = 200_000;
        for (var i = 0; i < 10_000; i++)
        {
            keys.DocumentIndex(DocumentType.ResidentIdCard, hits[i % hits.Length].Number);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            keys.DocumentIndex(DocumentType.ResidentIdCard, hits[i % hits.Length].Number);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Blind index alone (PersonKeys.DocumentIndex, HMAC-SHA256): {clock.Elapsed.TotalMicroseconds / Rounds:F2} µs per number"));
        Console.WriteLine();
    }
}
