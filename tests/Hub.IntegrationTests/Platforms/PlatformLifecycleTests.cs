using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hub.IntegrationTests.Infrastructure;
using Hub.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Hub.IntegrationTests.Platforms;

/// <summary>The whole life of a platform's access: application, credentials that really work, suspension and resumption.</summary>
public sealed class PlatformLifecycleTests(HubApp app) : IClassFixture<HubApp>
{
    private readonly PlatformTestData _data = new(app);

    [Fact]
    public async Task Workflow_DraftToConnected_PlatformUsesItsKeyAndOnlyItsOwnQueues()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440000");
        var (id, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        var clientId = credentials.GetProperty("clientId").GetString()!;

        using var platform = await _data.PlatformClientAsync(clientId, key);
        using var connected = await platform.PostAsync("/api/v1/platforms/self/connected", null);
        var view = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}");

        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        Assert.Equal("private_key_jwt", credentials.GetProperty("tokenEndpointAuthMethod").GetString());
        Assert.Equal(JsonValueKind.Null, credentials.GetProperty("clientSecret").ValueKind);
        Assert.Equal("connected", view.GetProperty("status").GetString());
        Assert.Equal(["draft", "submitted", "underReview", "approved", "connected"],
            view.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("to").GetString()));
        Assert.DoesNotContain(credentials.GetProperty("rabbitMq").GetProperty("password").GetString()!, view.ToString(), StringComparison.Ordinal);

        await using var connection = await PlatformTestData.ConnectAsync(credentials);
        await using var channel = await connection.CreateChannelAsync();
        var own = await channel.QueueDeclareAsync($"platform.{id}.inbox", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        Assert.Equal($"platform.{id}.inbox", own.QueueName);

        var foreign = $"platform.{Guid.NewGuid():N}"[..25] + ".inbox";
        await using (var admin = await AdminConnectionAsync())
        await using (var adminChannel = await admin.CreateChannelAsync())
        {
            await adminChannel.QueueDeclareAsync(foreign, durable: false, exclusive: false, autoDelete: false);
        }
        var declare = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
            channel.QueueDeclareAsync(foreign + ".mine", durable: false, exclusive: false, autoDelete: false));
        Assert.Equal(403, declare.ShutdownReason!.ReplyCode); // ACCESS_REFUSED
        await using var second = await connection.CreateChannelAsync();
        var read = await Assert.ThrowsAsync<OperationInterruptedException>(() => second.BasicGetAsync(foreign, autoAck: true));
        Assert.Equal(403, read.ShutdownReason!.ReplyCode);
    }

    [Fact]
    public async Task Suspend_ConnectedPlatform_RevokesTokensAndBrokerAtOnce_ResumeRestoresBoth()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440300");
        var (id, credentials) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);
        var clientId = credentials.GetProperty("clientId").GetString()!;
        using var platform = await _data.PlatformClientAsync(clientId, key);
        (await platform.PostAsync("/api/v1/platforms/self/connected", null)).EnsureSuccessStatusCode();
        (await platform.GetAsync("/api/v1/organizations")).EnsureSuccessStatusCode();
        var connection = await PlatformTestData.ConnectAsync(credentials);

        using var suspend = await reviewer.PostAsJsonAsync($"/api/v1/platforms/{id}/suspend", new { reasons = "安全检查 / security review" });
        using var tokenWhileSuspended = await _data.RequestTokenAsync(clientId, key);
        using var apiWhileSuspended = await platform.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.False(tokenWhileSuspended.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiWhileSuspended.StatusCode);
        Assert.True(await ClosedWithinAsync(connection, TimeSpan.FromSeconds(10)));
        // The broker accepts the socket and refuses the virtual host right after; the first operation sees it.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var again = await PlatformTestData.ConnectAsync(credentials);
            await using var refused = await again.CreateChannelAsync();
        });

        using var resume = await reviewer.PostAsJsonAsync($"/api/v1/platforms/{id}/resume", new { reasons = "整改完成" });
        using var resumed = await _data.PlatformClientAsync(clientId, key);
        using var apiAfterResume = await resumed.GetAsync("/api/v1/organizations");
        await using var reconnected = await PlatformTestData.ConnectAsync(credentials);
        await using var channel = await reconnected.CreateChannelAsync();
        await channel.QueueDeclareAsync($"platform.{id}.events", durable: true, exclusive: false, autoDelete: false);
        var view = await resume.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal("connected", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, apiAfterResume.StatusCode);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Transitions_NotAllowedInCurrentStatus_Return409WithStableCode()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (applicant, _) = await _data.ApplicantAsync("440300");
        var (reviewer, _) = await _data.ReviewerAsync("440300");
        var draft = await PlatformTestData.DraftAsync(applicant, "440300", key);
        var (approved, _) = await PlatformTestData.ApprovedAsync(applicant, reviewer, "440300", key);

        using var approveDraft = await reviewer.PostAsync($"/api/v1/platforms/{draft}/approve", null);
        using var approveAgain = await reviewer.PostAsync($"/api/v1/platforms/{approved}/approve", null);
        using var resumeApproved = await reviewer.PostAsJsonAsync($"/api/v1/platforms/{approved}/resume", new { });
        using var editApproved = await applicant.PutAsJsonAsync($"/api/v1/platforms/{approved}", new { regionCode = "440300", form = PlatformTestData.Form() });

        foreach (var response in new[] { approveDraft, approveAgain, resumeApproved, editApproved })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("HUB-PLT-0027", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
    }

    private static async Task<bool> ClosedWithinAsync(IConnection connection, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (connection.IsOpen && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }
        return !connection.IsOpen;
    }

    private Task<IConnection> AdminConnectionAsync() => new ConnectionFactory
    {
        HostName = TestEnvironment.RabbitHost, Port = TestEnvironment.RabbitPort, VirtualHost = app.VirtualHost.Name,
        UserName = TestEnvironment.RabbitUsername, Password = TestEnvironment.RabbitPassword,
    }.CreateConnectionAsync();
}
