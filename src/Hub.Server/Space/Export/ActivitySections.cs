using Hub.Server.Audit;
using Hub.Server.Identity.SignIn;
using Hub.Server.Federation;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Hub.Server.Space.Export;

/// <summary>Apps the person authorized (under the hub id or a pairwise id), with the scopes and the authorization's state.</summary>
public sealed class ConsentSection(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, PairwiseSubjects pairwise)
    : ISpaceExportSection
{
    public async Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var subject in await pairwise.AllSubjectsAsync(person.HubId, ct))
        {
            await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
            {
                var appId = await authorizations.GetApplicationIdAsync(authorization, ct);
                var application = appId is null ? null : await applications.FindByIdAsync(appId, ct);
                rows.Add([
                    application is null ? null : await applications.GetClientIdAsync(application, ct),
                    application is null ? null : await applications.GetLocalizedDisplayNameAsync(application, ct),
                    string.Join(' ', await authorizations.GetScopesAsync(authorization, ct)),
                    await authorizations.GetStatusAsync(authorization, ct),
                    await authorizations.GetCreationDateAsync(authorization, ct) is { } created ? SpaceExport.Time(created) : null,
                ]);
            }
        }
        return new ExportSection("consents", "授权的应用", "Apps you authorized", ["clientId", "app", "scopes", "status", "createdAt"], rows);
    }
}

/// <summary>The audit trail about the person: sign-ins, and every access or change by anyone else (who, what, why).</summary>
public sealed class AuditSections(HubDbContext db)
{
    public static readonly string[] SignInActions = [AccountEndpoints.SignInAuditAction, FederatedSignInEndpoints.AuditAction];

    public async Task<ExportSection> SignInsAsync(SpacePerson person, CancellationToken ct)
    {
        var rows = await Entries(person).Where(e => SignInActions.Contains(e.Action)).OrderByDescending(e => e.Id).Take(1000).ToListAsync(ct);
        return new ExportSection("signIns", "登录记录", "Sign-ins", ["at", "method", "via", "outcome"],
            [.. rows.Select(e => (IReadOnlyList<string?>)[SpaceExport.Time(e.OccurredAt), e.Action, e.Actor, e.Outcome])]);
    }

    public async Task<ExportSection> AccessAsync(SpacePerson person, CancellationToken ct)
    {
        var rows = await Entries(person).Where(e => !SignInActions.Contains(e.Action)).OrderByDescending(e => e.Id).Take(1000).ToListAsync(ct);
        return new ExportSection("accessLog", "对您信息的访问和变更", "Access to and changes of your data", ["at", "actor", "action", "purpose", "outcome"],
            [.. rows.Select(e => (IReadOnlyList<string?>)[SpaceExport.Time(e.OccurredAt), e.Actor, e.Action, e.Purpose, e.Outcome])]);
    }

    private IQueryable<AuditEntry> Entries(SpacePerson person) =>
        db.Set<AuditEntry>().AsNoTracking().Where(e => e.SubjectType == "person" && e.SubjectId == person.HubId);
}

public sealed class SignInSection(AuditSections audit) : ISpaceExportSection
{
    public Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct) => audit.SignInsAsync(person, ct);
}

public sealed class AccessLogSection(AuditSections audit) : ISpaceExportSection
{
    public Task<ExportSection> CollectAsync(SpacePerson person, CancellationToken ct) => audit.AccessAsync(person, ct);
}
