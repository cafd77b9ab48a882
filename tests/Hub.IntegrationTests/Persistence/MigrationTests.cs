using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.IntegrationTests.Persistence;

public sealed class MigrationTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task Migrate_FreshDatabase_RecordsEveryMigrationInHistory()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();

        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Migrate_FreshDatabase_AuditEntriesRoundTrip()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditLog>()
                .Record("test", "test.roundtrip", "migration", "m-1", "ok", purpose: "prove the schema");
            await scope.ServiceProvider.GetRequiredService<HubDbContext>().SaveChangesAsync();
        }

        await using var read = app.Factory.Services.CreateAsyncScope();
        var entry = await read.ServiceProvider.GetRequiredService<HubDbContext>()
            .Set<AuditEntry>().SingleAsync(e => e.Action == "test.roundtrip");
        Assert.Equal("prove the schema", entry.Purpose);
    }

    [Fact]
    public async Task Migrate_FreshDatabase_ChangeVersionSequenceOnlyGrows()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT nextval('{HubDbContext.ChangeVersionSequence}')", connection);

        var first = (long)(await command.ExecuteScalarAsync())!;
        var second = (long)(await command.ExecuteScalarAsync())!;

        Assert.True(second > first);
    }
}
