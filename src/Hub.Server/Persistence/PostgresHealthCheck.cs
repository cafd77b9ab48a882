using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Hub.Server.Persistence;

/// <summary>Ready only when PostgreSQL answers and the schema has been migrated.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = '__ef_migrations_history'");
            var migrated = (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
            return migrated
                ? HealthCheckResult.Healthy("PostgreSQL reachable, schema migrated")
                : HealthCheckResult.Unhealthy("PostgreSQL reachable, but no migrations applied (run: Hub.Server migrate)");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable: " + ex.GetType().Name);
        }
    }
}
