using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Oidc;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Platforms;

/// <summary>A hub whose RabbitMQ management API cannot be reached (AMQP still works, so the hub itself starts).</summary>
public sealed class UnreachableManagementHubApp : HubApp
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("RabbitMq:ManagementPort", "1")];
}

public sealed class PlatformBrokerFailureTests(UnreachableManagementHubApp app) : IClassFixture<UnreachableManagementHubApp>
{
    [Fact]
    public async Task Approve_BrokerUnreachable_Returns503AndLeavesApplicationUnderReviewWithoutClient()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = new PlatformTestData(app);
        var (applicant, _) = await data.ApplicantAsync("440300");
        var (reviewer, _) = await data.ReviewerAsync("440300");
        var id = await PlatformTestData.UnderReviewAsync(applicant, reviewer, "440300", key);

        using var response = await reviewer.PostAsync($"/api/v1/platforms/{id}/approve", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var view = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("HUB-PLT-0029", body.GetProperty("code").GetString());
        Assert.Equal("underReview", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("clientId").ValueKind);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ClientRegistry>().FindAsync("platform-" + id));
    }
}
