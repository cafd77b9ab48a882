using System.Text.Json;
using Hub.Server.Api;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Platforms;

/// <summary>
/// A connected platform replaces its own public keys (private_key_jwt) with a token of its current client. To rotate
/// without a gap the platform first publishes old and new keys together, switches its signing to the new key, then
/// publishes the new key alone. The platform's record and its OIDC client change in one transaction.
/// </summary>
public sealed class PlatformKeyRotation(HubDbContext db, ClientRegistry clients, PlatformAccessStore store)
{
    public async Task<PlatformOutcome> RotateAsync(Caller caller, JsonElement? jwks, CancellationToken ct)
    {
        var access = await db.Set<PlatformAccess>().FirstOrDefaultAsync(a => a.ClientId == caller.ClientId, ct);
        if (access is null)
        {
            return PlatformOutcome.Fail(GeneralErrors.NotFound);
        }
        if (!PlatformWorkflow.Allows(access.Status, PlatformAction.RotateKeys))
        {
            return PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
        }
        var (text, error) = jwks is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element
            ? PlatformJwks.Validate(element) : (null, PlatformErrors.JwksRequired);
        if (error is not null)
        {
            return PlatformOutcome.Invalid("jwks", error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        access.Jwks = text;
        if (!await clients.ReplaceKeysAsync(access.ClientId!, text!, ct))
        {
            return PlatformOutcome.Fail(GeneralErrors.NotFound);
        }
        var outcome = await store.ChangeAsync(access, caller, "platform.keys.rotate", null, ct);
        if (outcome.Access is not null)
        {
            await transaction.CommitAsync(ct);
        }
        clients.Evict(access.ClientId!);
        return outcome;
    }
}
