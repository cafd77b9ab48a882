using System.Text;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Audit;
using Hub.Server.Exchange.Sync;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>The operator's shell command for dead letters, against the real broker's hub.inbound_error.</summary>
public sealed class DeadLetterCommandTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task DeadLetters_ListThenReplay_ShowsTheMessageAndReason_ReplayIsAudited()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var bad = await platform.SendRawAsync(Encoding.UTF8.GetBytes("""{"messageType":["urn:message:Hub.Contracts.V1:PeopleChanged"],"message":{"changes":"not a list"}}"""), Guid.NewGuid());
        var listed = await PeopleSyncTests.WaitForAsync(async () =>
        {
            var (code, text) = await RunAsync("dead-letters", "list", "--limit", "10000");
            return code == 0 && text.Contains(bad.ToString(), StringComparison.Ordinal) ? text : null;
        });
        var line = listed.Split('\n').Single(l => l.Contains(bad.ToString(), StringComparison.Ordinal));
        // A body that does not even parse names no platform; its type comes from the envelope.
        Assert.Contains("PeopleChanged", line, StringComparison.Ordinal);

        var auditedBefore = await AuditCountAsync();
        var (replayCode, replayText) = await RunAsync("dead-letters", "replay", "--max", "10000");

        Assert.Equal(0, replayCode);
        Assert.StartsWith("replayed ", replayText, StringComparison.Ordinal);
        Assert.Equal(auditedBefore + 1, await AuditCountAsync());
        Assert.Equal(2, (await RunAsync("dead-letters", "replay", "--max", "0")).Code);
    }

    private async Task<(int Code, string Text)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await DeadLetterCommand.RunAsync(app.Factory.Services, args, output);
        return (code, output.ToString());
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.Action == "exchange.dead-letters.replay" && e.Actor == "cli");
    }
}
