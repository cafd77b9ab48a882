using Hub.Server.Api;
using Hub.Server.Identity.Protection;
using Hub.Server.Identity.Registry;
using Hub.Server.Identity.SignIn;
using System.Threading.RateLimiting;
using Hub.Server.Oidc;
using Hub.Server.Regions;

namespace Hub.Server.Identity;

public static class IdentityExtensions
{
    public static void AddHubIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonalDataOptions>()
            .Bind(builder.Configuration.GetSection(PersonalDataOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        builder.Services.AddSingleton<PersonalDataProtector>();
        builder.Services.AddSingleton<PersonKeys>();
        builder.Services.AddSingleton(RegionCatalog.Default);
        builder.Services.AddSingleton<RegistrationValidator>();
        builder.Services.AddScoped<PersonRegistry>();
        builder.Services.AddScoped<PeopleQueries>();
        builder.Services.AddScoped<PersonKeyOperations>();
        builder.Services.AddScoped<PersonFacts>();
        builder.Services.AddScoped<PairwiseSubjects>();
        builder.Services.AddScoped<PersonClaims>();
        builder.Services.AddScoped<CredentialService>();
        builder.Services.AddScoped<LinkedSignIn>();
        builder.Services.AddOptions<SignInOptions>()
            .Bind(builder.Configuration.GetSection(SignInOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var signIn = builder.Configuration.GetSection(SignInOptions.SectionName).Get<SignInOptions>() ?? new SignInOptions();
        builder.Services.AddAuthentication()
            .AddCookie(AccountEndpoints.SessionScheme, cookie =>
            {
                cookie.Cookie.Name = "hub.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/login";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = signIn.SessionLifetime;
            });
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "hub.af");
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AccountEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signIn.AttemptsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) }));
        });

        // One policy per API scope, named as the scope: endpoints say .RequireAuthorization(HubScopes.X).
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in HubScopes.Api.Append(HubScopes.Space))
        {
            authorization.AddScopePolicy(scope, scope);
        }
    }
}
