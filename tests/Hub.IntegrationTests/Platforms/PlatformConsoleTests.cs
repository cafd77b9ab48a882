using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.IntegrationTests.Oidc;
using Hub.Server.Oidc;

namespace Hub.IntegrationTests.Platforms;

/// <summary>The operator console: an admin signs in and decides through plain HTML forms.</summary>
public sealed class PlatformConsoleTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly PlatformTestData _data = new(app);

    [Fact]
    public async Task Console_ReviewerDecidesThroughHtmlForm_ApplicationApprovedAndCredentialsShownOnce()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var id = await PlatformTestData.DraftAsync(applicant, "440300", key);
        (await applicant.PostAsync($"/api/v1/platforms/{id}/submit", null)).EnsureSuccessStatusCode();
        using var browser = await SignedInAdminAsync("440300", HubScopes.PlatformsReview);
        var detail = new Uri($"http://localhost/console/platforms/{id}");

        var (listResponse, list) = await browser.GetAsync(new Uri("http://localhost/console/platforms"));
        var (_, page) = await browser.GetAsync(detail);
        var (_, underReview) = await browser.SubmitFormAsync(detail, page, new Dictionary<string, string>(), "review");
        var (rejectResponse, rejectPage) = await browser.SubmitFormAsync(detail, underReview, new Dictionary<string, string> { ["reasons"] = "" }, "reject");
        var (approveResponse, issued) = await browser.SubmitFormAsync(detail, rejectPage, new Dictionary<string, string>(), "approve");

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.Contains("平台服务范围", page, StringComparison.Ordinal);
        Assert.Contains("name=\"review\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"approve\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"approve\"", underReview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rejectResponse.StatusCode);
        Assert.Contains("HUB-PLT-0028", rejectPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approveResponse.StatusCode);
        Assert.Contains("platform-" + id, issued, StringComparison.Ordinal);
        var view = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}");
        Assert.Equal("approved", view.GetProperty("status").GetString());
        Assert.StartsWith("person:", view.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_PlatformOfAnotherCity_Returns404()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var id = await PlatformTestData.DraftAsync(applicant, "440300", key);
        using var browser = await SignedInAdminAsync("440100", HubScopes.PlatformsReview);

        var (response, _) = await browser.GetAsync(new Uri($"http://localhost/console/platforms/{id}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<TestBrowser> SignedInAdminAsync(string region, params string[] permissions)
    {
        var flow = new UserFlow(app);
        var (hubId, _) = await flow.CreatePersonAsync("钱八");
        await ConsoleOperators.GrantAsync(app, hubId, region, permissions);
        var browser = flow.NewBrowser();
        var (login, html) = await browser.GetAsync(new Uri("http://localhost/account/login"));
        var (signedIn, _) = await browser.SubmitFormAsync(login.RequestMessage!.RequestUri!, html,
            new Dictionary<string, string> { ["identifier"] = hubId, ["password"] = UserFlow.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return browser;
    }
}
