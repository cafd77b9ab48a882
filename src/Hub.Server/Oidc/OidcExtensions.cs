using Hub.Server.Persistence;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Hub.Server.Oidc;

public static class OidcExtensions
{
    public static void AddHubOidc(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        builder.Services.AddOptions<OidcOptions>().Bind(builder.Configuration.GetSection(OidcOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        var development = builder.Environment.IsDevelopment();

        builder.Services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<HubDbContext>();
                core.ReplaceApplicationManager(typeof(HubApplicationManager<>));
                core.ReplaceApplicationStore<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, CachingApplicationStore>(ServiceLifetime.Scoped);
            })
            .AddServer(server =>
            {
                if (options.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetPushedAuthorizationEndpointUris("connect/par")
                    .SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");

                server.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowTokenExchangeFlow();

                server.RegisterScopes([.. HubScopes.Identity, .. HubScopes.Api]);
                server.RegisterClaims([Claims.Subject, Claims.Name, HubClaims.HubId, HubClaims.RealName,
                    HubClaims.VerificationLevel, HubClaims.DocumentType, HubClaims.DocumentNumberMasked, HubClaims.Roles,
                    HubClaims.Affiliations, HubClaims.RegionCodes, HubClaims.GuardianOf]);

                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetAuthorizationCodeLifetime(options.AuthorizationCodeLifetime)
                    .SetIdentityTokenLifetime(options.IdentityTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(options.RefreshTokenReuseLeeway);

                // Access tokens are plain signed JWTs (RFC 9068) so that platforms can validate them offline.
                server.DisableAccessTokenEncryption();
                AddKeys(server, options, development);

                server.Configure(o =>
                {
                    // PKCE with S256 only: "plain" offers no protection against an intercepted code.
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                    // Vendor apps get pairwise subjects (PairwiseSubjects); discovery says so (specs/auth §4).
                    o.SubjectTypes.Add(SubjectTypes.Pairwise);
                });

                server.AddEventHandler(SkipTokenEntryForClientCredentials.Descriptor);
                server.AddEventHandler(IdTokenAlgorithmSelector.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration()
                    .DisableTransportSecurityRequirement(); // TLS terminates at the load balancer in front of replicas
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(HubResources.Api);
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<ClientRegistry>();
        builder.Services.AddSingleton<TokenPruning>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenPruning>());
        builder.Services.AddSingleton<TokenMetrics>();
        builder.Services.AddTransient<IStartupFilter, TokenMetrics.StartupFilter>();
        if (options.ClientCredentialsFastPath)
        {
            builder.Services.AddTransient<IStartupFilter, ClientCredentialsFastPath.StartupFilter>();
        }
    }

    private static void AddKeys(OpenIddictServerBuilder server, OidcOptions options, bool development)
    {
        if (options.SigningKeys.Count > 0)
        {
            foreach (var credentials in SigningKeys.Load(options, DateTimeOffset.UtcNow))
            {
                server.AddSigningCredentials(credentials);
            }
        }
        else if (development)
        {
            server.AddEphemeralSigningKey(SecurityAlgorithms.EcdsaSha256);
        }
        else
        {
            throw new OptionsValidationException(OidcOptions.SectionName, typeof(OidcOptions),
                ["Oidc:SigningKeys is empty: configure at least one ES256 key (see specs/auth)."]);
        }

        if (!string.IsNullOrEmpty(options.EncryptionKey))
        {
            server.AddEncryptionKey(new SymmetricSecurityKey(Convert.FromBase64String(options.EncryptionKey)));
        }
        else if (development)
        {
            server.AddEphemeralEncryptionKey();
        }
        else
        {
            throw new OptionsValidationException(OidcOptions.SectionName, typeof(OidcOptions),
                ["Oidc:EncryptionKey is empty: configure base64 of 32 bytes."]);
        }
    }
}
