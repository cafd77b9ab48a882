using Hub.Server.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Hub.Server.Oidc;

public static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this WebApplication app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription().DisableAntiforgery();
        connect.MapPost("/token", TokenEndpoint.ExchangeAsync);
        connect.MapMethods("/authorize", ["GET", "POST"], AuthorizationEndpoint.AuthorizeAsync);
        connect.MapMethods("/userinfo", ["GET", "POST"], UserInfoEndpoint.GetAsync);
        connect.MapMethods("/endsession", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(AccountEndpoints.SessionScheme);
            // OpenIddict validated post_logout_redirect_uri against the client and redirects to it.
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }
}
