using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Persistence;

/// <summary>
/// The hub's one relational store: domain tables, OpenIddict tables, outbox and inbox live together so
/// that one transaction covers a change and the message announcing it.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    /// <summary>The hub's global change sequence: every synced entity change takes its version from it.</summary>
    public const string ChangeVersionSequence = "change_version";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(ChangeVersionSequence).StartsAt(1).IncrementsBy(1);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
    }
}
