using System.Security.Cryptography;
using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;

namespace Hub.IntegrationTests.Apps;

/// <summary>Starts the authorization code flow in a browser and signs a person in; returns where the hub sends the browser back to.</summary>
internal static class AppSignIn
{
    public static async Task<Uri> AuthorizeAsync(HubApp hub, string clientId, string hubId, string scope = "openid profile")
    {
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N") + "verifier")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var authorize = new Uri("http://localhost/connect/authorize?" + string.Join('&',
            $"client_id={clientId}", $"redirect_uri={Uri.EscapeDataString(UserFlow.RedirectUri.ToString())}", "response_type=code",
            $"scope={Uri.EscapeDataString(scope)}", $"code_challenge={challenge}", "code_challenge_method=S256", "state=st4te"));
        using var browser = new UserFlow(hub).NewBrowser();
        var (login, loginPage) = await browser.GetAsync(authorize);
        var (back, _) = await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, loginPage,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = UserFlow.Password });
        return back.Headers.Location ?? throw new InvalidOperationException("No redirect back to the app: " + back.StatusCode);
    }
}
