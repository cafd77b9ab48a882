using Hub.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hub.Server.Persistence;

public static partial class PersistenceExtensions
{
    public const string ConnectionStringName = "Hub";

    public static void AddHubPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not configured (hub.sh sets ConnectionStrings__Hub).");
        }

        // The hub keeps no session state on connections, so the reset (DISCARD ALL) on every pooled open is waste.
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContextPool<HubDbContext>(options => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict());

        builder.Services.AddOptions<StatisticsOptions>()
            .Bind(builder.Configuration.GetSection(StatisticsOptions.SectionName))
            .Validate(o => o.CheckInterval >= TimeSpan.Zero && o.GrowthShare > 0 && o.GrowthRows >= 0,
                "Statistics: CheckInterval ≥ 0, GrowthShare > 0, GrowthRows ≥ 0")
            .ValidateOnStart();
        builder.Services.AddSingleton<StatisticsKeeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StatisticsKeeper>());

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag]);
    }

    public static async Task MigrateHubDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var pending = string.Join(", ", await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();
        LogMigrated(app.Logger, pending.Length == 0 ? "none" : pending);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migrations: {Migrations}")]
    private static partial void LogMigrated(ILogger logger, string migrations);
}
