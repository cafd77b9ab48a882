using Hub.Server.Pilot;

namespace Hub.UnitTests.Pilot;

public sealed class PilotCoverageTests
{
    [Theory]
    [InlineData(17, 20, true, "85.0%")]
    [InlineData(11, 13, false, "84.6%")]
    [InlineData(849, 1000, false, "84.9%")]
    [InlineData(8499, 10000, false, "84.9%")]
    [InlineData(850, 1000, true, "85.0%")]
    [InlineData(5, 5, true, "100.0%")]
    [InlineData(0, 0, false, "0.0%")]
    public void Meets_PilotOverAll_PassesFrom85PercentAndNeverRoundsUp(int pilot, int all, bool meets, string percent)
    {
        Assert.Equal(meets, PilotCoverage.Meets(pilot, all));
        Assert.Equal(percent, PilotCoverage.Percent(pilot, all));
    }

    [Fact]
    public void EndOfDay_NoticeDeadline_IsMidnightBeijingTime()
    {
        var end = PilotOptions.EndOfDay(new DateOnly(2017, 8, 20));

        Assert.Equal(new DateTimeOffset(2017, 8, 20, 16, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
    }

    [Fact]
    public void Options_Default_HaveTheNoticeDatesAndFourIndicators()
    {
        var options = new PilotOptions();

        Assert.Equal(new DateOnly(2017, 8, 20), options.ProvincialDeadline);
        Assert.Equal(new DateOnly(2017, 8, 10), options.DirectDeadline);
        Assert.Equal(["平台安全稳定", "资源供给模式创新", "资源应用模式常态化", "支持服务保障有力"], options.EffectiveIndicators.Select(i => i.NameZh));
    }
}
