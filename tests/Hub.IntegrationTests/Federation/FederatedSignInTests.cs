using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Audit;
using Hub.Server.Federation;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hub.IntegrationTests.Federation;

/// <summary>
/// A vendor app's authorization code flow where the person signs in at their home platform's provider (a second hub
/// in the test) instead of with a hub password, and the cases where that must not give a session.
/// </summary>
public sealed partial class FederatedSignInTests(FederationFixture apps) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task VendorFlow_PersonSignsInAtLinkedUpstream_VendorGetsPairwiseSubjectOfLinkedPerson()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        var upstreamSubject = await scenario.UpstreamPersonAsync();
        var hubId = await scenario.LinkAtHubAsync(upstreamSubject);
        var flow = new UserFlow(apps.Hub);
        var (vendorId, vendorSecret) = await flow.RegisterVendorAsync(false, HubScopes.OpenId, HubScopes.Profile);
        using var browser = apps.Browser();
        var (authorize, verifier) = AuthorizeUrl(vendorId);

        var consent = await SignInAtUpstreamAsync(browser, authorize, scenario, upstreamSubject);
        Assert.Contains("submit.accept", consent.Body, StringComparison.Ordinal);
        var (redirect, _) = await browser.SubmitFormAsync(consent.Url, consent.Body, new Dictionary<string, string>(), "submit.accept");
        var code = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Query)["code"];
        var tokens = await flow.TokenAsync(vendorId, vendorSecret, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code!, ["redirect_uri"] = UserFlow.RedirectUri.ToString(), ["code_verifier"] = verifier,
        });

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        await using var scope = apps.Hub.Factory.Services.CreateAsyncScope();
        Assert.Equal(scope.ServiceProvider.GetRequiredService<PairwiseSubjects>().Compute(vendorId, hubId), idToken.Subject);
        Assert.Equal(FederationFixture.HubIssuer.ToString(), idToken.Issuer);
        Assert.Equal(["succeeded"], await AuditOutcomesAsync(scenario.PlatformId, hubId));
        Assert.True(apps.Hub.Messages.Count > 50, "the capturing logger saw too little to be a meaningful check");
        Assert.DoesNotContain(apps.Hub.Messages, m => m.Contains(scenario.UpstreamClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_UpstreamUserWithoutLink_ShowsNotLinkedPageAndNoSession()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        var stranger = await scenario.UpstreamPersonAsync("吴九");
        using var browser = apps.Browser();

        var page = await SignInAtUpstreamAsync(browser, Login(), scenario, stranger);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("尚未关联", page.Body, StringComparison.Ordinal);
        Assert.Contains("not linked", page.Body, StringComparison.Ordinal);
        Assert.Equal("/account/login", (await browser.GetAsync(new Uri(FederationFixture.HubIssuer, "/account"))).Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(["not_linked"], await AuditOutcomesAsync(scenario.PlatformId, null));
    }

    [Fact]
    public async Task Callback_ForgedState_ShowsFailedPageWithoutSession()
    {
        using var browser = apps.Browser();

        var (response, page) = await browser.GetAsync(new Uri(FederationFixture.HubIssuer, "/account/federated-callback?code=abc&state=forged"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("未成功", page, StringComparison.Ordinal);
        Assert.Equal("/account/login", (await browser.GetAsync(new Uri(FederationFixture.HubIssuer, "/account"))).Response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task LoginPage_EnabledProvider_ListedInBothLanguagesKeepingReturnUrl()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        using var browser = apps.Browser();

        var (_, page) = await browser.GetAsync(new Uri(FederationFixture.HubIssuer, "/account/login?returnUrl=%2Faccount"));

        Assert.Contains(WebUtility.HtmlEncode(FederationPages.StartPath(scenario.PlatformId, "/account")), page, StringComparison.Ordinal);
        Assert.Contains("通过 深圳市教育平台 登录", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with Shenzhen Education Platform", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DisabledProvider_ShowsUnavailablePageAndIsNotListed()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        (await scenario.Platform.DeleteAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative))).EnsureSuccessStatusCode();
        using var browser = apps.Browser();

        var (_, login) = await browser.GetAsync(Login());
        var (response, page) = await browser.GetAsync(new Uri(FederationFixture.HubIssuer, FederationPages.StartPath(scenario.PlatformId, "/account")));

        Assert.DoesNotContain(FederationPages.StartPath(scenario.PlatformId, null), login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("不可用", page, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Visited, u => u.Host == FederationFixture.UpstreamIssuer.Host);
    }

    [Fact]
    public async Task Start_PlatformSuspended_ShowsUnavailablePage()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        await using (var scope = apps.Hub.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ClientRegistry>().SuspendAsync(scenario.PlatformId));
        }
        using var browser = apps.Browser();

        var (response, page) = await browser.GetAsync(new Uri(FederationFixture.HubIssuer, FederationPages.StartPath(scenario.PlatformId, "/account")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("不可用", page, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Visited, u => u.Host == FederationFixture.UpstreamIssuer.Host);
    }

    [Fact]
    public async Task Callback_ProviderDisabledWhileAtUpstream_RefusedWithoutSession()
    {
        var scenario = await FederationScenario.CreateAsync(apps);
        (await scenario.RegisterUpstreamAsync()).EnsureSuccessStatusCode();
        var upstreamSubject = await scenario.UpstreamPersonAsync();
        var hubId = await scenario.LinkAtHubAsync(upstreamSubject);
        using var browser = apps.Browser();

        var page = await SignInAtUpstreamAsync(browser, Login(), scenario, upstreamSubject,
            beforeUpstreamLogin: async () => (await scenario.Platform.DeleteAsync(new Uri("/api/v1/federation/upstream", UriKind.Relative))).EnsureSuccessStatusCode());

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("/account/login", (await browser.GetAsync(new Uri(FederationFixture.HubIssuer, "/account"))).Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(["unavailable"], await AuditOutcomesAsync(scenario.PlatformId, null));
        Assert.Empty(await AuditOutcomesAsync(scenario.PlatformId, hubId));
    }

    /// <summary>
    /// From a hub page that leads to the sign-in page: choose the platform there, sign in at the upstream with its
    /// password, and return to the hub. Returns the page the hub shows after the callback.
    /// </summary>
    private static async Task<(HttpStatusCode Status, Uri Url, string Body)> SignInAtUpstreamAsync(TestBrowser browser, Uri start,
        FederationScenario scenario, string upstreamSubject, Func<Task>? beforeUpstreamLogin = null)
    {
        var (_, loginPage) = await browser.GetAsync(start);
        var link = StartLinks().Matches(loginPage).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value))
            .Single(href => href.StartsWith(FederationPages.StartPath(scenario.PlatformId, null), StringComparison.Ordinal));
        var (upstreamLogin, upstreamPage) = await browser.GetAsync(new Uri(FederationFixture.HubIssuer, link));
        Assert.Equal(FederationFixture.UpstreamIssuer.Host, upstreamLogin.RequestMessage!.RequestUri!.Host);
        if (beforeUpstreamLogin is not null)
        {
            await beforeUpstreamLogin();
        }
        var (response, body) = await browser.SubmitFormAsync(upstreamLogin.RequestMessage.RequestUri, upstreamPage,
            new Dictionary<string, string> { ["identifier"] = upstreamSubject, ["password"] = UserFlow.Password });
        Assert.Contains(browser.Visited, u => u.AbsolutePath == "/account/federated-callback" && u.Host == FederationFixture.HubIssuer.Host);
        return (response.StatusCode, response.RequestMessage!.RequestUri!, body);
    }

    private static Uri Login() => new(FederationFixture.HubIssuer, "/account/login");

    private static (Uri Url, string Verifier) AuthorizeUrl(string clientId)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (new Uri(FederationFixture.HubIssuer, "/connect/authorize?" + string.Join('&',
            $"client_id={clientId}", $"redirect_uri={Uri.EscapeDataString(UserFlow.RedirectUri.ToString())}", "response_type=code",
            "scope=openid%20profile", $"code_challenge={challenge}", "code_challenge_method=S256", "state=st4te", "nonce=n0nce")), verifier);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<List<string>> AuditOutcomesAsync(string platformId, string? hubId)
    {
        await using var scope = apps.Hub.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .Where(e => e.Actor == platformId && e.Action == FederatedSignInEndpoints.AuditAction && e.SubjectId == hubId)
            .Select(e => e.Outcome).ToListAsync();
    }

    [GeneratedRegex("""href="(?<href>/account/federated/[^"]+)""")]
    private static partial Regex StartLinks();
}
