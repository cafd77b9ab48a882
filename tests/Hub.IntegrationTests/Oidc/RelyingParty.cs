using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Oidc;

/// <summary>
/// A vendor app using Microsoft's OpenIdConnect handler (authorization code + PKCE, PAR when advertised,
/// userinfo), hosted in its own test server at http://rp.test/. GET /me returns the signed-in user's claims.
/// </summary>
internal static class RelyingParty
{
    public static readonly Uri BaseAddress = new("http://rp.test/");

    public static async Task<WebApplication> StartAsync(HttpMessageHandler hubHandler, string clientId, string clientSecret, params string[] scopes)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = IssuerHubApp.Issuer.ToString();
                o.RequireHttpsMetadata = false;
                o.Backchannel = new HttpClient(hubHandler, disposeHandler: false);
                o.ClientId = clientId;
                o.ClientSecret = clientSecret;
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in scopes)
                {
                    o.Scope.Add(scope);
                }
                o.SaveTokens = true;
                // Test servers speak http; the correlation and nonce cookies must not demand https.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => user.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value))
            .RequireAuthorization();
        app.MapGet("/refresh-token", async (HttpContext http) => await http.GetTokenAsync("refresh_token")).RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
