using System.Diagnostics;
using System.Globalization;
using Hub.Adapter.Sources.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Adapter.Host.Demo;

/// <summary>
/// <c>Hub.Adapter.Host seed-demo</c>: fills a platform database (layout platform-database.sql) with generated but
/// realistic schools, students (学籍号 G + ID number), teachers, staff and parents with guardianships, deterministic by
/// seed, optionally sharing a slice of people with another platform's seed (the same people registered on two
/// platforms). Everything is written with binary COPY in one transaction.
/// </summary>
internal static class SeedDemoCommand
{
    private const string Usage = """
        Hub.Adapter.Host seed-demo --connection "Host=…;Database=…" [--schema platform] [--people 20000] [--region 440300]
            [--seed 1] [--schools N] [--share-seed S --share-region R --share-count K] [--reset]
          --connection     platform database (default: HubAdapter__Source__Postgres__ConnectionString)
          --region         province, city or county code; people and schools spread over its current counties
          --seed           same seed, same people; seeds with different last digits never produce the same ID number
          --share-*        include K people of seed S generated for region R (those living under --region), e.g. a city
                           platform sharing people with its province platform
          --reset          empty the platform tables first
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        DemoSettings settings;
        try
        {
            settings = DemoSettings.Parse(args);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync(e.Message + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }
        var result = await SeedAsync(settings, CancellationToken.None).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seed-demo: {result.People} people ({result.Shared} shared with seed {settings.ShareSeed}, found among its first {result.SharedScanned}), " +
            $"{result.Schools} schools, {result.Affiliations} affiliations, {result.Guardianships} guardianships into {settings.Schema} " +
            $"in {result.Elapsed.TotalSeconds:F1} s ({result.People / result.Elapsed.TotalSeconds:F0} people/s)")).ConfigureAwait(false);
        return 0;
    }

    public static async Task<DemoResult> SeedAsync(DemoSettings settings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(settings.Connection);
        await PlatformDatabase.CreateAsync(dataSource, settings.Schema, ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var s = settings.Schema;
        if (settings.Reset)
        {
            await ExecuteAsync(connection, transaction,
                $"TRUNCATE {s}.guardianships, {s}.person_affiliations, {s}.people, {s}.organizations, {s}.tombstones, {s}.key_changes", ct).ConfigureAwait(false);
        }
        var plan = new DemoPlan(settings);
        // Bulk load: foreign keys are checked once by a join when they are added back instead of row by row, and the
        // affiliation trigger is off because every person it would touch is inserted (and stamped) in this transaction.
        await ExecuteAsync(connection, transaction, $"""
            ALTER TABLE {s}.person_affiliations DISABLE TRIGGER affiliations_touch_insert;
            ALTER TABLE {s}.person_affiliations DROP CONSTRAINT person_affiliations_person;
            ALTER TABLE {s}.guardianships DROP CONSTRAINT guardianships_guardian, DROP CONSTRAINT guardianships_student;
            """, ct).ConfigureAwait(false);
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {s}.organizations (code, name, school_type, region_code, bandwidth, class_count, multimedia_class_count, mobile_terminal_class_count, teacher_count, student_count) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var school in plan.Schools)
            {
                await writer.WriteRowAsync(ct, school.Code, school.Name, school.TypeLabel, school.County, "1000M",
                    school.Classes, school.Classes, school.Classes / 2, school.Classes * 3, school.Classes * 45).ConfigureAwait(false);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        long people = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {s}.people (local_id, name, document_type, document_number, student_number, roles, region_code, gender, birth_date) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var (localId, p) in plan.People())
            {
                await writer.StartRowAsync(ct).ConfigureAwait(false);
                await writer.WriteAsync(localId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync(p.Name, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync((short)1, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await writer.WriteAsync(p.IdNumber, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                if (p.Role == 0)
                {
                    await writer.WriteAsync("G" + p.IdNumber, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteNullAsync(ct).ConfigureAwait(false);
                }
                await writer.WriteAsync(new[] { (short)p.Role }, NpgsqlDbType.Array | NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await writer.WriteAsync(p.County, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await writer.WriteAsync((short)p.Gender, NpgsqlDbType.Smallint, ct).ConfigureAwait(false);
                await writer.WriteAsync(p.Birth, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                people++;
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        // Second pass over the same deterministic people: one COPY at a time per connection, and nothing held in memory.
        long affiliations = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {s}.person_affiliations (local_id, organization_code, role, valid_from) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var (localId, p) in plan.People())
            {
                if (plan.SchoolOf(p) is { } school)
                {
                    await writer.WriteRowAsync(ct, localId, school, (short)(p.Role == 0 ? 0 : p.Role), new DateOnly(2024, 9, 1)).ConfigureAwait(false);
                    affiliations++;
                }
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        long guardianships = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {s}.guardianships (guardian_local_id, student_local_id) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            string? lastStudent = null;
            foreach (var (localId, p) in plan.People())
            {
                if (p.Role == 0)
                {
                    lastStudent = localId;
                }
                else if (p.Role == 2 && lastStudent is not null)
                {
                    await writer.WriteRowAsync(ct, localId, lastStudent).ConfigureAwait(false);
                    guardianships++;
                }
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
        }
        await ExecuteAsync(connection, transaction, $"""
            ALTER TABLE {s}.person_affiliations ADD CONSTRAINT person_affiliations_person FOREIGN KEY (local_id) REFERENCES {s}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE;
            ALTER TABLE {s}.guardianships ADD CONSTRAINT guardianships_guardian FOREIGN KEY (guardian_local_id) REFERENCES {s}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE,
                ADD CONSTRAINT guardianships_student FOREIGN KEY (student_local_id) REFERENCES {s}.people (local_id) ON DELETE CASCADE ON UPDATE CASCADE;
            ALTER TABLE {s}.person_affiliations ENABLE TRIGGER affiliations_touch_insert;
            """, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new DemoResult(people, plan.SharedCount, plan.SharedScanned, plan.Schools.Count, affiliations, guardianships, clock.Elapsed);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>What seed-demo wrote.</summary>
internal sealed record DemoResult(long People, int Shared, int SharedScanned, int Schools, long Affiliations, long Guardianships, TimeSpan Elapsed);

/// <summary>The command's arguments.</summary>
internal sealed record DemoSettings(string Connection, string Schema, int People, string Region, int Seed, int? Schools,
    int? ShareSeed, string? ShareRegion, int ShareCount, bool Reset)
{
    public static DemoSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var reset = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--reset")
            {
                reset = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }
        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        int? Int(string name) => Get(name) is { } v ? int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"--{name} must be a number.") : null;
        var connection = Get("connection") ?? Environment.GetEnvironmentVariable("HubAdapter__Source__Postgres__ConnectionString")
            ?? throw new ArgumentException("--connection is required.");
        var region = Get("region") ?? "440300";
        if (region.Length != 6 || !region.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("--region must be a 6-digit GB/T 2260 code.");
        }
        var settings = new DemoSettings(connection, Get("schema") ?? "platform", Int("people") ?? 20_000, region, Int("seed") ?? 1, Int("schools"),
            Int("share-seed"), Get("share-region"), Int("share-count") ?? 0, reset);
        if (settings.ShareCount > 0 && (settings.ShareSeed is null || settings.ShareRegion is null))
        {
            throw new ArgumentException("--share-count needs --share-seed and --share-region.");
        }
        if (settings.ShareSeed is { } other && other % 10 == settings.Seed % 10)
        {
            throw new ArgumentException("--share-seed must end in another digit than --seed (their ID numbers would collide).");
        }
        return settings.ShareCount > settings.People ? throw new ArgumentException("--share-count exceeds --people.") : settings;
    }
}
