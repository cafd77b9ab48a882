using Hub.Contracts.V1;
using Hub.IntegrationTests.Infrastructure;

namespace Hub.IntegrationTests.Exchange;

/// <summary>ChangesAvailable names the stream that changed: a follower pulls only the streams its notices name.</summary>
public sealed class FollowerNoticeTests(HubApp app) : IClassFixture<HubApp>
{
    [Fact]
    public async Task OrganizationsRemoved_ProvinceAboveTheCity_IsToldOfTheDeletesStream()
    {
        await using var city = await TestPlatform.ConnectAsync(app, "440300");
        await using var province = await TestPlatform.ConnectAsync(app, "440000");
        var code = "2144" + Random.Shared.Next(100_000, 1_000_000);
        long version = 0;
        // The hub looks its connected followers up at most every 30 s: change the school until the province hears of it.
        ChangesAvailable? changed = null;
        for (var attempt = 0; changed is null && attempt < 8; attempt++)
        {
            version++;
            var batch = new OrganizationsChanged(Guid.NewGuid(), city.Id, ExchangeNames.SchemaVersion,
                [new OrganizationChange(code, version, DateTimeOffset.UtcNow, "南山区通知测试学校" + version, "小学（6年）", "440305", "1000M", 24, 24, 2, 50, 900)],
                DateTimeOffset.UtcNow);
            await city.SendAsync(batch);
            var answer = await city.ReceiveAsync<IdentitiesAssigned>(a => a.BatchId == batch.BatchId);
            Assert.True(answer.Assigned.Count == 1, string.Join("; ", answer.Rejected.Select(r => $"{r.Code} {r.Field} {r.Message}")));
            try
            {
                changed = await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "organizations", seconds: 10);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Assert.NotNull(changed);

        await city.SendAsync(new OrganizationsRemoved(Guid.NewGuid(), city.Id, ExchangeNames.SchemaVersion,
            [new EntityRemoval(code, version + 1, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow));
        var removed = await province.ReceiveAsync<ChangesAvailable>(c => c.Stream == "organizations-deletes", seconds: 40);

        Assert.True(removed.FromVersion > changed.FromVersion);
    }
}
