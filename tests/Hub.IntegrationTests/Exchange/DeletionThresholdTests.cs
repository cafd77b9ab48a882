using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Contracts.V1;
using Hub.IntegrationTests.Identity;
using Hub.IntegrationTests.Infrastructure;
using Hub.Server.Identity.Registry;
using Hub.Server.Oidc;
using Hub.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Exchange;

/// <summary>A mass deletion is held for an operator of the platform's jurisdiction instead of applied.</summary>
public sealed class DeletionThresholdTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task PeopleRemoved_AboveThreshold_IsHeldUntilAnOperatorConfirms()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var people = Enumerable.Range(0, 30).Select(i => TestPlatform.Person($"d{i}", 1, PeopleTestData.NewIdNumber())).ToArray();
        var created = platform.People(people);
        await platform.SendAsync(created);
        await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == created.BatchId);

        var removal = new PeopleRemoved(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion,
            [.. people.Take(20).Select(p => new EntityRemoval(p.LocalId, 2, DateTimeOffset.UtcNow))], DateTimeOffset.UtcNow);
        await platform.SendAsync(removal);
        var held = await platform.ReceiveAsync<RemovalsHeld>(h => h.BatchId == removal.BatchId);

        Assert.Equal(20, held.Removals);
        Assert.Equal(30, await LiveLinksAsync(platform));

        var (outsider, _) = await PlatformClients.CreateAsync(app, "110000", HubScopes.ExchangeManage);
        using var denied = await outsider.PostAsync($"/api/v1/exchange/holds/{held.HoldId}/confirm", null);
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/v1/exchange/holds")).EnumerateArray(),
            h => h.GetProperty("id").GetInt64() == held.HoldId);

        var (operatorClient, _) = await PlatformClients.CreateAsync(app, "440000", HubScopes.ExchangeManage);
        var listed = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/exchange/holds");
        Assert.Contains(listed.EnumerateArray(), h => h.GetProperty("id").GetInt64() == held.HoldId);
        using var confirmed = await operatorClient.PostAsync($"/api/v1/exchange/holds/{held.HoldId}/confirm", null);
        var decision = await confirmed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(20, decision.GetProperty("removed").GetInt32());
        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == removal.BatchId);
        Assert.Equal(20, answer.Assigned.Count(a => a.Outcome == "removed"));
        Assert.Equal(10, await LiveLinksAsync(platform));
        using var again = await operatorClient.PostAsync($"/api/v1/exchange/holds/{held.HoldId}/discard", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task PeopleRemoved_BelowThreshold_IsAppliedWithTombstonesInTheFeed()
    {
        await using var platform = await TestPlatform.ConnectAsync(app);
        var people = Enumerable.Range(0, 5).Select(i => TestPlatform.Person($"t{i}", 1, PeopleTestData.NewIdNumber())).ToArray();
        var created = platform.People(people);
        await platform.SendAsync(created);
        var hubIds = (await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == created.BatchId)).Assigned.ToDictionary(a => a.Key, a => a.HubId);

        var removal = new PeopleRemoved(Guid.NewGuid(), platform.Id, ExchangeNames.SchemaVersion,
            [new EntityRemoval("t0", 2, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow);
        await platform.SendAsync(removal);
        var answer = await platform.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == removal.BatchId);
        var deletes = await platform.Api.GetFromJsonAsync<JsonElement>("/api/v1/changes/people-deletes?since=0&limit=1000");

        Assert.Equal("removed", Assert.Single(answer.Assigned).Outcome);
        Assert.Equal(4, await LiveLinksAsync(platform));
        Assert.Contains(deletes.GetProperty("items").EnumerateArray(), d => d.GetProperty("key").GetString() == hubIds["t0"]);
    }

    private async Task<int> LiveLinksAsync(TestPlatform platform)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<PersonLink>()
            .CountAsync(l => l.PlatformId == platform.ClientId && l.RemovedAt == null);
    }
}
