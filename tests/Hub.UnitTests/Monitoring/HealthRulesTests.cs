using System.Diagnostics.Metrics;
using Hub.Server.Exchange.Sync;
using Hub.Server.Monitoring;
using Hub.Server.Platforms;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.UnitTests.Monitoring;

/// <summary>The health states over time (a clock the test moves), the lag thresholds and the options' own checks.</summary>
public sealed class HealthRulesTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private static readonly MonitoringOptions Options = new();

    private static HealthState State(TimeProvider clock, DateTimeOffset? heartbeat, Degradation flags = Degradation.None,
        PlatformAccessStatus access = PlatformAccessStatus.Connected) => HealthRules.Classify(access, heartbeat, flags, clock.GetUtcNow(), Options);

    [Fact]
    public void Classify_HeartbeatsStopAndResume_ConnectedSilentAfterNinetySecondsConnectedAgain()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var beat = clock.GetUtcNow();

        var fresh = State(clock, beat);
        clock.Advance(TimeSpan.FromSeconds(90));
        var atThreshold = State(clock, beat);
        clock.Advance(TimeSpan.FromSeconds(1));
        var past = State(clock, beat);
        beat = clock.GetUtcNow();
        var back = State(clock, beat);

        Assert.Equal(HealthState.Connected, fresh);
        Assert.Equal(HealthState.Connected, atThreshold);
        Assert.Equal(HealthState.Silent, past);
        Assert.Equal(HealthState.Connected, back);
    }

    [Fact]
    public void Classify_DegradationsSilenceAndSuspension_InTheSpecsOrder()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var now = clock.GetUtcNow();

        Assert.Equal(HealthState.Degraded, State(clock, now, Degradation.Lag));
        Assert.Equal(HealthState.Degraded, State(clock, now, Degradation.DeadLetters | Degradation.Reconciliation));
        Assert.Equal(HealthState.Silent, State(clock, null));
        Assert.Equal(HealthState.Silent, State(clock, now.AddMinutes(-5), Degradation.Lag));
        Assert.Equal(HealthState.Suspended, State(clock, now, access: PlatformAccessStatus.Suspended));
        Assert.Equal(HealthState.Suspended, State(clock, null, access: PlatformAccessStatus.Suspended));
    }

    [Theory]
    [InlineData(100_001, 0, 0, 0, true)]
    [InlineData(100_000, 0, 0, 0, false)]
    [InlineData(0, 301, 0, 0, true)]
    [InlineData(0, 0, 10_001, 0, true)]
    [InlineData(0, 0, 0, 10_001, true)]
    [InlineData(0, 300, 10_000, 10_000, false)]
    public void Flags_EachLagThreshold_DegradesOnlyAboveIt(long versions, int outboxSeconds, long inbox, long pending, bool lagging)
    {
        var flags = HealthRules.Flags(versions, TimeSpan.FromSeconds(outboxSeconds), inbox, pending, 0, [], Options);

        Assert.Equal(lagging, flags.HasFlag(Degradation.Lag));
    }

    [Fact]
    public void Flags_DeadLettersAndAnUnrepairedRound_AreDegradations()
    {
        var at = DateTimeOffset.UtcNow;
        var repairing = new ReconciliationView("people", "repairing", 2, 0, 10, 9, at, at);
        var repaired = repairing with { Status = "repaired", RepairedKeys = 1 };

        Assert.Equal(Degradation.DeadLetters | Degradation.Reconciliation, HealthRules.Flags(0, TimeSpan.Zero, 0, 0, 1, [repairing], Options));
        Assert.Equal(Degradation.None, HealthRules.Flags(0, TimeSpan.Zero, 0, 0, 0, [repaired], Options));
    }

    [Fact]
    public void Options_Defaults_AreValidAndBrokenOnesAreNamed()
    {
        var broken = new MonitoringOptions { SampleInterval = TimeSpan.Zero, RawRetention = TimeSpan.FromDays(2), Webhook = { Url = "ftp://x" } };

        Assert.Empty(new MonitoringOptions().Problems());
        Assert.Equal(3, broken.Problems().Count());
    }

    [Fact]
    public void Floor_AnyInstant_StartsItsBucket()
    {
        var at = new DateTimeOffset(2026, 11, 24, 8, 7, 44, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 7, 30, TimeSpan.Zero), HealthHistory.Floor(at, TimeSpan.FromSeconds(30)));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), HealthHistory.Floor(at, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void ExchangeMetrics_Drain_ReturnsOnlyWhatHappenedSinceTheLastDrain()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ExchangeMetrics(services.GetRequiredService<IMeterFactory>());
        metrics.Received("p1");
        metrics.Batch("p1", "people", 3, 2, ["HUB-ID-0004", "HUB-ID-0004"]);
        var first = metrics.Drain();
        metrics.Sent("p1");
        var second = metrics.Drain();
        var third = metrics.Drain();

        Assert.Equal(new[] { 1L, 0, 3, 2 }, new[] { first["p1"].MessagesIn, first["p1"].MessagesOut, first["p1"].Applied, first["p1"].Rejected });
        Assert.Equal(2, first["p1"].RejectionCodes["HUB-ID-0004"]);
        Assert.Equal(1, second["p1"].MessagesOut);
        Assert.Equal(0, second["p1"].MessagesIn);
        Assert.Empty(second["p1"].RejectionCodes);
        Assert.Empty(third);
    }
}
