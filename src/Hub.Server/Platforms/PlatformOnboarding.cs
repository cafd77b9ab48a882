using System.Security.Cryptography;
using System.Text.Json;
using Hub.Server.Api;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Hub.Server.Problems;
using Hub.Server.Regions;
using Microsoft.EntityFrameworkCore;

namespace Hub.Server.Platforms;

/// <summary>
/// The applicant's side of platform access: drafts, JWKS, submission, the platform's own "connected" proof, and the
/// entry the pilot application uses. Every read and write stays inside the caller's jurisdiction.
/// </summary>
public sealed class PlatformOnboarding(HubDbContext db, AuditLog audit, RegionCatalog regions, TimeProvider clock, PlatformAccessStore store)
{
    public const string DirectOrigin = "direct";

    public async Task<PlatformOutcome> CreateDraftAsync(PlatformAccessRequest request, Caller caller, CancellationToken ct)
    {
        var (region, form, jwks, errors) = Validate(request, caller);
        if (errors.Count > 0)
        {
            return PlatformOutcome.Invalid(errors);
        }
        var access = New(form!, region!, DirectOrigin, PlatformAccessStatus.Draft, caller);
        access.Jwks = jwks;
        db.Add(access);
        audit.Record(caller.Actor, "platform.create", "platform", access.PublicId, "draft", regionCode: region);
        return await store.SaveAsync(access, ct);
    }

    public async Task<PlatformOutcome> UpdateDraftAsync(PlatformAccess access, PlatformAccessRequest request, Caller caller, CancellationToken ct)
    {
        if (!PlatformWorkflow.Allows(access.Status, PlatformAction.Update))
        {
            return PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
        }
        if (request.ExpectedVersion is { } expected && expected != access.ChangeVersion)
        {
            return PlatformOutcome.Fail(PlatformErrors.StaleVersion);
        }
        var (region, form, jwks, errors) = Validate(request, caller);
        if (errors.Count > 0)
        {
            return PlatformOutcome.Invalid(errors);
        }
        (access.RegionCode, access.Form, access.Jwks) = (region!, form!, jwks);
        if (access.Status == PlatformAccessStatus.Rejected)
        {
            PlatformWorkflow.Move(access, PlatformAccessStatus.Draft, caller.Actor, null, clock.GetUtcNow());
        }
        return await store.ChangeAsync(access, caller, "platform.update", null, ct);
    }

    public async Task<PlatformOutcome> SetJwksAsync(PlatformAccess access, JsonElement? jwks, Caller caller, CancellationToken ct)
    {
        if (!PlatformWorkflow.Allows(access.Status, PlatformAction.SetJwks))
        {
            return PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
        }
        var (text, error) = jwks is { } element ? PlatformJwks.Validate(element) : (null, PlatformErrors.JwksRequired);
        if (error is not null)
        {
            return PlatformOutcome.Invalid("jwks", error);
        }
        access.Jwks = text;
        return await store.ChangeAsync(access, caller, "platform.jwks", null, ct);
    }

    public async Task<PlatformOutcome> SubmitAsync(PlatformAccess access, Caller caller, CancellationToken ct)
    {
        if (!PlatformWorkflow.Allows(access.Status, PlatformAction.Submit))
        {
            return PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
        }
        if (access.Jwks is null && !store.SecretsAllowed)
        {
            return PlatformOutcome.Invalid("jwks", PlatformErrors.JwksRequired);
        }
        return await store.TransitionAsync(access, PlatformAccessStatus.Submitted, caller, "platform.submit", null, ct);
    }

    /// <summary>
    /// Opens an access application for a platform whose pilot application was approved: it starts as Submitted, with
    /// <paramref name="origin"/> (e.g. "pilot:{id}") recorded. The platform adds its JWKS with PUT …/jwks before
    /// approval. Throws <see cref="ArgumentException"/> for a region that is not current, outside the caller's
    /// jurisdiction or of a level that does not fit the form's service scope.
    /// </summary>
    public async Task<PlatformAccessView> StartOnboardingAsync(PlatformForm form, string regionCode, string origin, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FieldError>();
        var region = Region(regionCode, form.ServiceScope, caller, errors);
        if (region is null || string.IsNullOrWhiteSpace(origin) || origin.Length > 64)
        {
            throw new ArgumentException(errors.Count > 0 ? $"regionCode: {errors[0].MessageEn}" : "origin: 1–64 characters", nameof(regionCode));
        }
        var access = New(form, region, origin, PlatformAccessStatus.Submitted, caller);
        db.Add(access);
        audit.Record(caller.Actor, "platform.create", "platform", access.PublicId, "submitted", purpose: origin, regionCode: region);
        var outcome = await store.SaveAsync(access, ct);
        return PlatformViews.From(outcome.Access ?? throw new InvalidOperationException(outcome.Error?.MessageEn), regions);
    }

    /// <summary>The platform itself proves that its new client works: Approved → Connected (repeating it changes nothing).</summary>
    public async Task<PlatformOutcome> MarkConnectedAsync(Caller caller, CancellationToken ct)
    {
        var access = await db.Set<PlatformAccess>().Include(a => a.History).FirstOrDefaultAsync(a => a.ClientId == caller.ClientId, ct);
        if (access is null)
        {
            return PlatformOutcome.Fail(GeneralErrors.NotFound);
        }
        if (access.Status == PlatformAccessStatus.Connected)
        {
            return new PlatformOutcome(access);
        }
        return PlatformWorkflow.Allows(access.Status, PlatformAction.Connect)
            ? await store.TransitionAsync(access, PlatformAccessStatus.Connected, caller, "platform.connected", null, ct)
            : PlatformOutcome.Fail(PlatformErrors.TransitionNotAllowed);
    }

    public (string? Region, PlatformForm? Form, string? Jwks, List<FieldError> Errors) Validate(PlatformAccessRequest request, Caller caller)
    {
        var (form, errors) = PlatformFormValidator.Validate(request.Form, "form.");
        // The level check needs only the scope, so it is reported even when other fields of the form are wrong.
        ServiceScope? scope = form?.ServiceScope ?? (Enum.TryParse<ServiceScope>(request.Form?.ServiceScope, ignoreCase: true, out var s)
            && Enum.IsDefined(s) && !int.TryParse(request.Form?.ServiceScope, out _) ? s : null);
        var region = Region(request.RegionCode, scope, caller, errors);
        string? jwks = null;
        if (request.Jwks is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            (jwks, var error) = PlatformJwks.Validate(element);
            if (error is not null)
            {
                errors.Add(new FieldError("jwks", error));
            }
        }
        return (region, form, jwks, errors);
    }

    /// <summary>A current code inside the caller's jurisdiction whose level is the one the service scope names.</summary>
    public string? Region(string? code, ServiceScope? scope, Caller caller, List<FieldError> errors)
    {
        code = code?.Trim();
        if (!regions.TryGet(code, out var region) || !region.IsCurrent)
        {
            errors.Add(new FieldError("regionCode", PlatformErrors.RegionInvalid));
            return null;
        }
        if (!caller.Scope.Contains(code))
        {
            errors.Add(new FieldError("regionCode", PlatformErrors.RegionOutsideJurisdiction));
            return null;
        }
        if (scope is { } s && (int)region.Level != (int)s)
        {
            errors.Add(new FieldError("regionCode", PlatformErrors.RegionLevelMismatch));
            return null;
        }
        return code;
    }

    private PlatformAccess New(PlatformForm form, string region, string origin, PlatformAccessStatus status, Caller caller)
    {
        var now = clock.GetUtcNow();
        return new PlatformAccess
        {
            // Hex only: the id becomes part of RabbitMQ permission patterns and must never be a regex.
            PublicId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            RegionCode = region, Form = form, Status = status, Origin = origin, CreatedBy = caller.Actor, CreatedAt = now, UpdatedAt = now,
            History = [new PlatformAccessTransition { From = null, To = status, Actor = caller.Actor, At = now }],
        };
    }
}
