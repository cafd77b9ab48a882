using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Platforms;

/// <summary>What an application must satisfy, and who may see and decide it.</summary>
public sealed class PlatformRulesTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly PlatformTestData _data = new(app);

    [Fact]
    public async Task Reject_WithoutReasons_Returns400NamingReasonsAndStaysUnderReview()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440300");
        var id = await PlatformTestData.UnderReviewAsync(applicant, reviewer, "440300", key);

        using var response = await reviewer.PostAsJsonAsync($"/api/v1/platforms/{id}/reject", new { reasons = "  " });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var rejected = await reviewer.PostAsJsonAsync($"/api/v1/platforms/{id}/reject", new { reasons = "出口带宽不足" });
        var view = await rejected.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("reasons", body.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("HUB-PLT-0028", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("rejected", view.GetProperty("status").GetString());
        Assert.Equal("出口带宽不足", view.GetProperty("history").EnumerateArray().Last().GetProperty("reasons").GetString());
    }

    [Fact]
    public async Task Get_PlatformOfAnotherCity_Returns404AndIsAudited()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (shenzhen, _) = await _data.ReviewerAsync("440300");
        var (guangzhou, guangzhouId) = await _data.ReviewerAsync("440100");
        var id = await PlatformTestData.UnderReviewAsync(applicant, shenzhen, "440300", key);

        using var read = await guangzhou.GetAsync($"/api/v1/platforms/{id}");
        using var approve = await guangzhou.PostAsync($"/api/v1/platforms/{id}/approve", null);
        var list = await guangzhou.GetFromJsonAsync<JsonElement>("/api/v1/platforms");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == id);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var denied = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .Where(e => e.SubjectId == id && e.Actor == guangzhouId).Select(e => e.Action + " " + e.Outcome).ToListAsync();
        Assert.Equal(["platform.read denied: outside jurisdiction", "platform.approve denied: outside jurisdiction"], denied);
        var status = (await shenzhen.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}")).GetProperty("status").GetString();
        Assert.Equal("underReview", status);
    }

    [Fact]
    public async Task Create_BadFields_Returns400NamingEachFieldAndCreatesNothing()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonSerializer.SerializeToElement(PlatformTestData.Jwks(key)).GetProperty("keys")[0];
        var withPrivate = new { keys = new[] { new { kty = "EC", crv = "P-256", x = jwk.GetProperty("x").GetString(), y = jwk.GetProperty("y").GetString(), d = "AAAA" } } };
        var (applicant, _) = await _data.ApplicantAsync("440000");
        var name = "坏数据平台" + Guid.NewGuid().ToString("N")[..6];

        using var response = await applicant.PostAsJsonAsync("/api/v1/platforms",
            new { regionCode = "440300", form = PlatformTestData.Form("province", name, phone: "12345"), jwks = withPrivate });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await applicant.GetFromJsonAsync<JsonElement>("/api/v1/platforms?limit=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = body.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal("HUB-PLT-0003", fields["form.applicant.lead.phone"]);
        Assert.Equal("HUB-PLT-0026", fields["regionCode"]);
        Assert.Equal("HUB-PLT-0021", fields["jwks"]);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("form").GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData("440100", "HUB-PLT-0025")]
    [InlineData("449999", "HUB-PLT-0024")]
    public async Task Create_RegionNotUsable_Returns400OnRegionCode(string region, string code)
    {
        var (applicant, _) = await _data.ApplicantAsync("440300");

        using var response = await applicant.PostAsJsonAsync("/api/v1/platforms", new { regionCode = region, form = PlatformTestData.Form() });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("regionCode", body.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(code, body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Approve_WithoutJwksInTesting_IssuesDevelopmentSecretThatWorks()
    {
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440300");
        var id = await PlatformTestData.UnderReviewAsync(applicant, reviewer, "440300", key: null);

        using var approve = await reviewer.PostAsync($"/api/v1/platforms/{id}/approve", null);
        var credentials = (await approve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credentials");
        using var token = await PlatformClients.RequestTokenAsync(app, credentials.GetProperty("clientId").GetString()!,
            credentials.GetProperty("clientSecret").GetString()!, "people:read");

        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal("client_secret_basic", credentials.GetProperty("tokenEndpointAuthMethod").GetString());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
