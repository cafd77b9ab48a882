using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Hub.Server.Identity.Registry;
using Hub.Server.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Bench.Lookup;

/// <summary>
/// Migrates with the hub's real migrations, then binary-COPYs N generated people into `people` (all of its indexes in
/// place, as in a live hub) and the same numbers in clear into the peer table `people_plain`.
/// </summary>
internal static class Seeder
{
    // Every column the registry sets on a new person with a document; id and change_version take their defaults
    // (identity, nextval('change_version')) exactly as an EF insert does.
    private const string CopyPeople = """
        COPY people (hub_id, name, document_type, document_index, document_key_id, document_ciphertext, document_masked,
                     gender, birth_date, roles, region_code, status, verification_level, created_at, updated_at)
        FROM STDIN (FORMAT BINARY)
        """;

    public static async Task<int> RunAsync(WebApplication hub, BenchArguments args)
    {
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await db.Database.MigrateAsync();
            // Never on a database with people in it: a wrong connection string must not add a million fakes to real data.
            if (await db.Set<Person>().AnyAsync())
            {
                throw new BenchFailedException("people is not empty; seed only a fresh database (run.sh recreates bench_lookup)");
            }
        }
        var dataSource = hub.Services.GetRequiredService<NpgsqlDataSource>();
        var generator = new PeopleGenerator(hub.Services.GetRequiredService<PersonKeys>(), args.RandomSeed, TimeProvider.System.GetUtcNow());

        var pairs = new (string HubId, string Number)[args.Count];
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await CopyPeopleRowsAsync(connection, generator, pairs);
        }
        var peopleTime = clock.Elapsed;

        clock.Restart();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await Execute(connection, "CREATE TABLE people_plain (document_number text PRIMARY KEY, hub_id text NOT NULL)");
            CopyPlainRows(connection, pairs);
        }
        var plainTime = clock.Elapsed;

        clock.Restart();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // A live hub has autovacuum's statistics and visibility map; a fresh bulk load has neither yet.
            await Execute(connection, "VACUUM (ANALYZE) people");
            await Execute(connection, "VACUUM (ANALYZE) people_plain");
            await PrintSizes(connection);
        }
        var vacuumTime = clock.Elapsed;

        var random = new Random(args.RandomSeed + 1);
        var chosen = new HashSet<int>();
        while (chosen.Count < Math.Min(args.Sample, args.Count))
        {
            chosen.Add(random.Next(args.Count));
        }
        await SampleFile.WriteAsync(args.WorkDirectory, chosen.Select(i => pairs[i]));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | seeding step | rows | seconds | rows/s |
            | --- | ---: | ---: | ---: |
            | people (generate, validate, HMAC, AES-GCM, binary COPY into the indexed table) | {args.Count:N0} | {peopleTime.TotalSeconds:F1} | {args.Count / peopleTime.TotalSeconds:N0} |
            | people_plain (binary COPY, clear numbers) | {args.Count:N0} | {plainTime.TotalSeconds:F1} | {args.Count / plainTime.TotalSeconds:N0} |
            | VACUUM ANALYZE both | | {vacuumTime.TotalSeconds:F1} | |
            """));
        return 0;
    }

    /// <summary>
    /// Generation (validation, HMAC, AES-GCM) runs on its own thread, a batch ahead of the COPY writer, so that the
    /// client's crypto and the server's index maintenance overlap instead of taking turns.
    /// </summary>
    private static async Task CopyPeopleRowsAsync(NpgsqlConnection connection, PeopleGenerator generator, (string, string)[] pairs)
    {
        const int BatchSize = 1_000;
        var batches = Channel.CreateBounded<(Person Person, string Number)[]>(16);
        var producer = Task.Run(async () =>
        {
            for (var done = 0; done < pairs.Length; done += BatchSize)
            {
                var batch = new (Person, string)[Math.Min(BatchSize, pairs.Length - done)];
                for (var j = 0; j < batch.Length; j++)
                {
                    batch[j] = generator.Next();
                }
                await batches.Writer.WriteAsync(batch);
            }
            batches.Writer.Complete();
        });

        await using var writer = await connection.BeginBinaryImportAsync(CopyPeople);
        var i = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync())
        {
            foreach (var (p, number) in batch)
            {
                pairs[i++] = (p.HubId, number);
                WritePerson(writer, p);
            }
            if (i % 100_000 == 0)
            {
                Console.Error.WriteLine($"  people: {i:N0}");
            }
        }
        await producer;
        await writer.CompleteAsync();
    }

    // Synchronous writes: the importer buffers, so nearly every call is a memory copy, not I/O.
    private static void WritePerson(NpgsqlBinaryImporter writer, Person p)
    {
        writer.StartRow();
        writer.Write(p.HubId, NpgsqlDbType.Varchar);
        writer.Write(p.Name, NpgsqlDbType.Varchar);
        writer.Write((short)p.DocumentType!.Value, NpgsqlDbType.Smallint);
        writer.Write(p.DocumentIndex!, NpgsqlDbType.Bytea);
        writer.Write(p.DocumentKeyId!, NpgsqlDbType.Varchar);
        writer.Write(p.DocumentCiphertext!, NpgsqlDbType.Bytea);
        writer.Write(p.DocumentMasked!, NpgsqlDbType.Varchar);
        writer.Write((short)p.Gender, NpgsqlDbType.Smallint);
        writer.Write(p.BirthDate!.Value, NpgsqlDbType.Date);
        writer.Write(p.Roles, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
        writer.Write(p.RegionCode, NpgsqlDbType.Varchar);
        writer.Write((short)p.Status, NpgsqlDbType.Smallint);
        writer.Write((short)p.VerificationLevel, NpgsqlDbType.Smallint);
        writer.Write(p.CreatedAt, NpgsqlDbType.TimestampTz);
        writer.Write(p.UpdatedAt, NpgsqlDbType.TimestampTz);
    }

    private static void CopyPlainRows(NpgsqlConnection connection, (string HubId, string Number)[] pairs)
    {
        using var writer = connection.BeginBinaryImport("COPY people_plain (document_number, hub_id) FROM STDIN (FORMAT BINARY)");
        foreach (var (hubId, number) in pairs)
        {
            writer.StartRow();
            writer.Write(number, NpgsqlDbType.Text);
            writer.Write(hubId, NpgsqlDbType.Text);
        }
        writer.Complete();
    }

    private static async Task PrintSizes(NpgsqlConnection connection)
    {
        // The lookup indexes themselves: what has to stay in memory for lookups to stay at memory speed.
        await using var command = new NpgsqlCommand("""
            SELECT 'table ' || relname || ': heap ' || pg_size_pretty(pg_table_size(oid)) || ', all indexes '
                   || pg_size_pretty(pg_indexes_size(oid))
            FROM pg_class WHERE relname IN ('people', 'people_plain')
            UNION ALL
            SELECT 'index ' || relname || ': ' || pg_size_pretty(pg_relation_size(oid))
            FROM pg_class WHERE relname IN ('ix_people_document_index', 'people_plain_pkey')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(reader.GetString(0) + "  ");
        }
        Console.WriteLine();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
