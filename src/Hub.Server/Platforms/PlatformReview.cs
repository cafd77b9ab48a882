using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Exchange;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Platforms;

/// <summary>
/// The reviewer's side: take under review, approve (issuing credentials), reject, suspend, resume. Steps that touch
/// credentials run in one database transaction holding the application's row lock, so two approvals cannot both
/// issue a client; a broker failure rolls everything back and is reported, the application unchanged.
/// </summary>
public sealed partial class PlatformReview(HubDbContext db, AuditLog audit, PlatformAccessStore store, PlatformCredentialIssuer issuer,
    ILogger<PlatformReview> logger)
{
    public const int MaxReasons = 500;

    public Task<PlatformOutcome> TakeUnderReviewAsync(PlatformAccess access, Caller caller, CancellationToken ct) =>
        PlatformWorkflow.Allows(access.Status, PlatformAction.TakeUnderReview)
            ? store.TransitionAsync(access, PlatformAccessStatus.UnderReview, caller, "platform.review", null, ct)
            : Task.FromResult(PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed));

    public Task<PlatformOutcome> RejectAsync(PlatformAccess access, string? reasons, Caller caller, CancellationToken ct)
    {
        if (Reasons(reasons, required: true) is not { } text)
        {
            return Task.FromResult(PlatformOutcome.Invalid("reasons", PlatformErrors.ReasonsInvalid));
        }
        return PlatformWorkflow.Allows(access.Status, PlatformAction.Reject)
            ? store.TransitionAsync(access, PlatformAccessStatus.Rejected, caller, "platform.reject", text, ct)
            : Task.FromResult(PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed));
    }

    public async Task<(PlatformOutcome Outcome, PlatformCredentials? Credentials)> ApproveAsync(PlatformAccess access, Caller caller, CancellationToken ct)
    {
        if (access.Jwks is null && !store.SecretsAllowed)
        {
            return (PlatformOutcome.Invalid("jwks", PlatformErrors.JwksRequired), null);
        }
        PlatformCredentials? credentials = null;
        var outcome = await WithCredentialsAsync(access, PlatformAction.Approve, caller, "platform.approve", async () =>
        {
            credentials = await issuer.IssueAsync(access, ct);
            return PlatformAccessStatus.Approved;
        }, undo: () => issuer.DeleteBrokerUserAsync(access), null, ct);
        return (outcome, outcome.Access is null ? null : credentials);
    }

    public async Task<PlatformOutcome> SuspendAsync(PlatformAccess access, string? reasons, Caller caller, CancellationToken ct)
    {
        if (Reasons(reasons, required: true) is not { } text)
        {
            return PlatformOutcome.Invalid("reasons", PlatformErrors.ReasonsInvalid);
        }
        return await WithCredentialsAsync(access, PlatformAction.Suspend, caller, "platform.suspend", async () =>
        {
            await issuer.SuspendAsync(access, ct);
            return PlatformAccessStatus.Suspended;
        }, undo: () => issuer.ResumeBrokerAsync(access), text, ct);
    }

    public async Task<PlatformOutcome> ResumeAsync(PlatformAccess access, string? reasons, Caller caller, CancellationToken ct)
    {
        var text = Reasons(reasons, required: false);
        if (!string.IsNullOrWhiteSpace(reasons) && text is null)
        {
            return PlatformOutcome.Invalid("reasons", PlatformErrors.ReasonsInvalid);
        }
        return await WithCredentialsAsync(access, PlatformAction.Resume, caller, "platform.resume", async () =>
        {
            await issuer.ResumeAsync(access, ct);
            return PlatformWorkflow.ResumeTarget(access);
        }, undo: () => issuer.RevokeBrokerAsync(access), text, ct);
    }

    /// <summary>1–500 characters, line breaks allowed, no other control characters; null when invalid or (optional and) absent.</summary>
    public static string? Reasons(string? value, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return text.Length > MaxReasons || text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : text;
    }

    private async Task<PlatformOutcome> WithCredentialsAsync(PlatformAccess access, PlatformAction action, Caller caller, string auditAction,
        Func<Task<PlatformAccessStatus>> change, Func<Task> undo, string? reasons, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Serializes decisions on one application; the reload sees what a concurrent decision committed.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM platform_accesses WHERE id = {access.Id} FOR UPDATE", ct);
        await db.Entry(access).ReloadAsync(ct);
        if (!PlatformWorkflow.Allows(access.Status, action))
        {
            return PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
        }
        PlatformOutcome outcome;
        var brokerChanged = false;
        try
        {
            var to = await change();
            brokerChanged = true;
            outcome = await store.TransitionAsync(access, to, caller, auditAction, reasons, ct);
            if (outcome.Access is not null)
            {
                await transaction.CommitAsync(ct);
                issuer.Evict(access);
                return outcome;
            }
        }
        catch (Exception e) when (e is RabbitMqManagementException or DbUpdateException or Npgsql.NpgsqlException or OpenIddictExceptions.ValidationException)
        {
            LogCredentialsFailed(logger, e, auditAction, access.PublicId);
            outcome = PlatformOutcome.Fail(PlatformErrors.ProvisioningFailed);
        }
        await transaction.RollbackAsync(CancellationToken.None);
        if (brokerChanged)
        {
            await undo();
        }
        issuer.Evict(access);
        db.ChangeTracker.Clear();
        if (outcome.Error == PlatformErrors.ProvisioningFailed)
        {
            audit.Record(caller.Actor, auditAction, "platform", access.PublicId, "failed: credentials", regionCode: access.RegionCode);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} of platform {PlatformId} failed on its credentials; rolled back")]
    private static partial void LogCredentialsFailed(ILogger logger, Exception exception, string action, string platformId);
}
