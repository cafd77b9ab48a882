using Hub.Server.Monitoring;
using Hub.Server.Persistence;
using Hub.Server.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.IntegrationTests.Monitoring;

/// <summary>Raw samples every 30 s roll up into complete minutes and quarter hours, rates come from totals, retention prunes.</summary>
public sealed class HealthHistoryTests(MonitoringHubApp app) : IClassFixture<MonitoringHubApp>
{
    private static readonly MonitoringOptions Options = new() { SampleInterval = TimeSpan.FromSeconds(30) };

    private static HealthSnapshot Snapshot(string platformId, DateTimeOffset at, int i) => new(at,
    [
        new HealthReading
        {
            PlatformId = platformId, Name = "测试平台", RegionCode = "440305", AccessStatus = PlatformAccessStatus.Connected, AccessSince = at,
            LastHeartbeatAt = at, State = i == 6 ? HealthState.Silent : HealthState.Connected, LagVersions = i, InboxDepth = 100 - i,
            MessagesIn = 10L * i, MessagesOut = 5L * i, RecordsRejected = i / 2,
        },
    ], DeadLetterSummary.Empty, true);

    [Fact]
    public async Task History_SamplesEveryThirtySecondsForTwentyMinutes_RollsUpMinutesAndQuartersWithWorstStateAndLastTotals()
    {
        var platform = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var start = HealthHistory.Floor(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)).AddHours(-1);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var history = new HealthHistory(db, Microsoft.Extensions.Options.Options.Create(Options));

        for (var i = 0; i < 40; i++)
        {
            var at = start.AddSeconds(30 * i);
            await history.WriteAsync(Snapshot(platform, at, i), default);
            await history.CompactAsync(at.AddSeconds(1), default);
        }
        var rows = await db.Set<PlatformHealthSample>().AsNoTracking().Where(s => s.PlatformId == platform).ToListAsync();
        var points = await history.ReadAsync(platform, TimeSpan.FromHours(1), start.AddMinutes(20), default);

        Assert.Equal(40, rows.Count(r => r.Resolution == SampleResolution.Raw));
        var minutes = rows.Where(r => r.Resolution == SampleResolution.Minute).OrderBy(r => r.At).ToList();
        Assert.Equal(19, minutes.Count); // minute 19 is not complete at the last round
        Assert.Equal(HealthState.Silent, minutes[3].State); // sample 6 is at 3:00
        Assert.Equal(HealthState.Connected, minutes[4].State);
        Assert.Equal(70, minutes[3].MessagesIn); // the last total of the bucket (sample 7)
        Assert.Equal(96, minutes[2].InboxDepth); // the highest gauge of the bucket (sample 4)
        var quarter = Assert.Single(rows, r => r.Resolution == SampleResolution.Quarter);
        Assert.Equal(start, quarter.At);
        Assert.Equal(HealthState.Silent, quarter.State);
        Assert.Equal(290, quarter.MessagesIn);
        Assert.Equal(29, quarter.LagVersions);
        Assert.Equal(40, points.Count);
        Assert.All(points.Skip(1), p => Assert.Equal(20, p.InPerMinute, 3));
        Assert.All(points.Skip(1), p => Assert.Equal(10, p.OutPerMinute, 3));
    }

    [Fact]
    public async Task History_PastEachRetention_PrunesThatResolutionOnly()
    {
        var platform = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var start = HealthHistory.Floor(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15)).AddDays(-10);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var history = new HealthHistory(db, Microsoft.Extensions.Options.Options.Create(Options));
        for (var i = 0; i < 4; i++)
        {
            await history.WriteAsync(Snapshot(platform, start.AddMinutes(5 * i), i), default);
            await history.CompactAsync(start.AddMinutes(5 * i).AddSeconds(1), default);
        }
        await history.CompactAsync(start.AddMinutes(16), default);
        int Count(SampleResolution r) => db.Set<PlatformHealthSample>().Count(s => s.PlatformId == platform && s.Resolution == r);
        var before = (Count(SampleResolution.Raw), Count(SampleResolution.Minute), Count(SampleResolution.Quarter));

        await history.CompactAsync(start.AddHours(3), default);
        var afterRaw = (Count(SampleResolution.Raw), Count(SampleResolution.Minute), Count(SampleResolution.Quarter));
        await history.CompactAsync(start.AddDays(2), default);
        var afterMinutes = (Count(SampleResolution.Raw), Count(SampleResolution.Minute), Count(SampleResolution.Quarter));
        await history.CompactAsync(start.AddDays(8), default);

        Assert.Equal((4, 4, 1), before);
        Assert.Equal((0, 4, 1), afterRaw);
        Assert.Equal((0, 0, 1), afterMinutes);
        Assert.Equal(0, Count(SampleResolution.Quarter));
    }
}
