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

    /// <summary>Takes the next value of the global change sequence (for a change to an existing row).</summary>
    public async Task<long> NextChangeVersionAsync(CancellationToken ct) =>
        await Database.SqlQueryRaw<long>($"SELECT nextval('{ChangeVersionSequence}') AS \"Value\"").SingleAsync(ct);

    /// <summary>The highest value the change sequence has handed out (0 before the first); every later one is higher.</summary>
    public async Task<long> CurrentChangeVersionAsync(CancellationToken ct) =>
        await Database.SqlQueryRaw<long>(
            $"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS \"Value\" FROM {ChangeVersionSequence}").SingleAsync(ct);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(ChangeVersionSequence).StartsAt(1).IncrementsBy(1);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
    }
}
