using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hub.Server.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or host configuration.</summary>
internal sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<HubDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=hub_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
        .UseSnakeCaseNamingConvention()
        .UseOpenIddict()
        .Options);
}
