using System.Security.Cryptography;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;

namespace Hub.Server.Federation;

public static class FederationExtensions
{
    public static void AddHubFederation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UpstreamProviders>();
        builder.Services.AddSingleton<UpstreamDiscovery>();
        builder.Services.AddSingleton<FederationAddress>();
        // The standard resilience handler (service defaults) would retry an unreachable upstream for ~15 s while the
        // platform waits on its PUT; one attempt and a clear problem serve it better. (Experimental since .NET 8; a
        // removal would fail the build, not change behaviour silently.)
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(UpstreamDiscovery.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(10);
            http.MaxResponseContentBufferSize = 1024 * 1024;
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var oidc = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        builder.Services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(FederationAddress.CallbackPath[1..]);
            AddKeys(client, oidc);
            client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                // Errors from the upstream (e.g. the person declined) reach the callback, which shows a page of ours.
                .EnableErrorPassthrough()
                .DisableTransportSecurityRequirement() // TLS terminates at the load balancer, as for the server
                .Configure(o =>
                {
                    // The upstream returns with a top-level GET (response_mode=query), which Lax cookies survive;
                    // SameAsRequest because the hop behind the load balancer is http (as for the session cookie).
                    o.CookieBuilder.SameSite = SameSiteMode.Lax;
                    o.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                });
            client.UseSystemNetHttp();
            client.AddEventHandler(PublicRequestAddress.Descriptor);
        });
        // Upstream providers come from the database at run time, not from options fixed at start.
        builder.Services.Replace(ServiceDescriptor.Singleton<OpenIddictClientService, FederationClientService>());
    }

    public static void MapFederationEndpoints(this WebApplication app)
    {
        app.MapUpstreamEndpoints();
        app.MapFederatedSignInEndpoints();
    }

    /// <summary>
    /// Keys protecting the client's state tokens (issued at the start of a sign-in, checked at the callback, possibly
    /// on another replica): the server's signing keys, and an encryption key derived from the server's so that a
    /// token of one purpose can never be decrypted as the other. Development without keys uses per-process ones.
    /// </summary>
    private static void AddKeys(OpenIddictClientBuilder client, OidcOptions oidc)
    {
        if (oidc.SigningKeys.Count > 0)
        {
            foreach (var credentials in SigningKeys.Load(oidc, DateTimeOffset.UtcNow))
            {
                client.AddSigningCredentials(credentials);
            }
        }
        else
        {
            client.AddEphemeralSigningKey(SecurityAlgorithms.EcdsaSha256);
        }
        if (!string.IsNullOrEmpty(oidc.EncryptionKey))
        {
            var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(oidc.EncryptionKey), 32,
                info: "hub federation state tokens"u8.ToArray());
            client.AddEncryptionKey(new SymmetricSecurityKey(key));
        }
        else
        {
            client.AddEphemeralEncryptionKey();
        }
    }
}
