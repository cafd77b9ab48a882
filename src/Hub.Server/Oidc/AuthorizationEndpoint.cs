using System.Security.Claims;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using Hub.Server.Persistence;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

/// <summary>
/// The authorization endpoint after OpenIddict validated the request (client, redirect URI, PKCE S256):
/// sign-in through the hub session, consent for vendor apps (remembered as a permanent authorization the
/// person can withdraw), then a code whose principal carries exactly the consented claims.
/// </summary>
internal static class AuthorizationEndpoint
{
    public static async Task<IResult> AuthorizeAsync(
        HttpContext http, ClientRegistry clients, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, PersonClaims personClaims, HubDbContext db, IAntiforgery antiforgery,
        IAppSelection selection)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenIddict request.");
        var ct = http.RequestAborted;

        var session = await http.AuthenticateAsync(AccountEndpoints.SessionScheme);
        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OidcResults.Forbid(Errors.LoginRequired, "需要登录 / Sign-in required.");
            }
            // Back to this endpoint after sign-in, with the same parameters minus prompt=login.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        var hubId = session.Principal!.GetClaim(Claims.Subject)!;
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.HubId == hubId, ct);
        if (person is not { Status: PersonStatus.Active })
        {
            await http.SignOutAsync(AccountEndpoints.SessionScheme);
            return OidcResults.Forbid(Errors.AccessDenied, "账号不可用 / The account is not active.");
        }

        var client = await clients.FindAsync(request.ClientId!, ct) ?? throw new InvalidOperationException("Validated client vanished.");
        // A vendor app serves only regions that selected it (or lie below one that did); checked before consent so
        // nobody is asked to share data with an app they cannot use. Clients added by command carry no app id.
        if (client.AppId is { } appId && !await selection.IsSelectedAsync(appId, person.RegionCode, ct))
        {
            return OidcResults.Forbid(Errors.AccessDenied, "您所在地区尚未选用该应用 / This app has not been selected for your region.");
        }
        var application = (await applications.FindByClientIdAsync(request.ClientId!, ct))!;
        var applicationId = (await applications.GetIdAsync(application, ct))!;
        var subject = await personClaims.SubjectAsync(person, client, ct);
        var scopes = request.GetScopes();

        var remembered = await authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, ct)
            .ToListAsync(ct);
        var consentType = await applications.GetConsentTypeAsync(application, ct);
        var decided = http.Request.HasFormContentType
            && (http.Request.Form.ContainsKey("submit.accept") || http.Request.Form.ContainsKey("submit.deny"));
        // The consent form is ours: its answer counts only with our antiforgery token (relying parties may
        // POST authorization requests too, so the endpoint itself cannot demand one).
        if (decided && !await antiforgery.IsRequestValidAsync(http))
        {
            return OidcResults.Forbid(Errors.AccessDenied, "授权确认已失效，请重试 / The consent form expired; try again.");
        }
        var accepted = decided && http.Request.Form.ContainsKey("submit.accept");
        if (decided && !accepted)
        {
            return OidcResults.Forbid(Errors.AccessDenied, "用户拒绝授权 / The person declined.");
        }
        if (remembered.Count == 0 && consentType == ConsentTypes.Explicit && !accepted)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OidcResults.Forbid(Errors.ConsentRequired, "需要用户同意 / Consent required.");
            }
            var name = await applications.GetLocalizedDisplayNameAsync(application, ct) ?? request.ClientId!;
            return ConsentPage.Render(http, antiforgery, name, scopes);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(HubClaims.Person, person.HubId);
        identity.SetScopes(scopes);
        identity.SetAudiences(HubResources.Api);

        var authorization = remembered.LastOrDefault() ?? await authorizations.CreateAsync(
            new ClaimsPrincipal(identity), subject, applicationId, AuthorizationTypes.Permanent, scopes, ct);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, ct));
        identity.SetDestinations(OidcDestinations.For);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

}
