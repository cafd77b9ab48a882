using System.Security.Claims;
using Hub.Server.Audit;
using Hub.Server.Federation;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Hub.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Hub.Server.Identity.SignIn;

/// <summary>/account: sign-in and sign-out of the hub session, and the person's own consents.</summary>
public static class AccountEndpoints
{
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string RateLimitPolicy = "sign-in";

    /// <summary>Audit action of a password sign-in (the person sees their sign-ins in the space's data export).</summary>
    public const string SignInAuditAction = "signin.password";

    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/login", async (HttpContext http, IAntiforgery af, UpstreamProviders upstreams, string? returnUrl) =>
            SignInPages.Login(http, af, returnUrl, await upstreams.ListEnabledAsync(http.RequestAborted), null));
        account.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimitPolicy);
        account.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionScheme);
            return Results.Redirect("/account/login");
        });
        account.MapGet("/", ConsentPages.ShowAsync).RequireAuthorization(p => p.AddAuthenticationSchemes(SessionScheme).RequireAuthenticatedUser());
        account.MapPost("/consents/{id}/withdraw", WithdrawAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(SessionScheme).RequireAuthenticatedUser());
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, CredentialService credentials, IOptions<SignInOptions> options, UpstreamProviders upstreams,
        AuditLog audit, HubDbContext db, [FromForm] string? identifier, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var (result, person) = await credentials.VerifyAsync(identifier, password, http.RequestAborted);
        if (result != SignInResultKind.Succeeded || person is null)
        {
            var message = result == SignInResultKind.LockedOut
                ? HubPage.Text("尝试次数过多，账号已暂时锁定，请稍后再试。", "Too many attempts; the account is locked for a while.")
                : HubPage.Text("账号或密码不正确。", "The account or password is not correct.");
            return SignInPages.Login(http, antiforgery, returnUrl, await upstreams.ListEnabledAsync(http.RequestAborted), message,
                StatusCodes.Status400BadRequest);
        }

        audit.Record("person:" + person.HubId, SignInAuditAction, "person", person.HubId, "ok");
        await db.SaveChangesAsync(http.RequestAborted);
        await http.SignInAsync(SessionScheme, LinkedSignIn.Session(person, "pwd"), new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = DateTimeOffset.UtcNow + options.Value.SessionLifetime,
        });
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/account");
    }

    private static async Task<IResult> WithdrawAsync(string id, ClaimsPrincipal user, IOpenIddictAuthorizationManager authorizations,
        PairwiseSubjects pairwise, AuditLog audit, HubDbContext db, CancellationToken ct)
    {
        var subject = user.GetClaim(OpenIddictConstants.Claims.Subject)!;
        var authorization = await authorizations.FindByIdAsync(id, ct);
        // Only the person's own consents (under the hub id or a pairwise id); anything else looks absent.
        if (authorization is null || !(await pairwise.AllSubjectsAsync(subject, ct)).Contains(await authorizations.GetSubjectAsync(authorization, ct) ?? ""))
        {
            return Results.NotFound();
        }
        await authorizations.TryRevokeAsync(authorization, ct);
        audit.Record(subject, "consent.withdraw", "authorization", id, "revoked");
        await db.SaveChangesAsync(ct);
        return Results.LocalRedirect("/account");
    }

    /// <summary>Only paths on this hub: "//host" and "/\\host" would leave it (open redirect).</summary>
    internal static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
